package com.takeover.rules;

import com.takeover.schema.AlertReason;
import com.takeover.scoring.ConversationScorer;
import com.takeover.scoring.ConversationState;
import com.takeover.scoring.Signals;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Decides which rules fire for a conversation at a moment, and why. A rule fires when it is enabled, in scope
 * (segment, topic — 'sensitive' matches any sensitive topic seen —, channel, and the active days/hours read in
 * the rule's time zone), its conditions hold (all, or any), and it is out of its cooldown for this
 * conversation (event time). Nothing fires while a human has the conversation (re-armed by a hand-back) or
 * after it ended.
 */
public final class RuleEvaluator implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Highest severity first, then rule id: the order firings are returned and recorded in. */
    private static final Comparator<RuleFiring> ORDER = Comparator
            .comparing((RuleFiring f) -> f.rule().getSeverity().ordinal()).reversed()
            .thenComparing(f -> f.rule().getId());

    private final ConversationScorer scorer;

    public RuleEvaluator(ConversationScorer scorer) {
        this.scorer = Objects.requireNonNull(scorer, "scorer");
    }

    /**
     * The rules that fire at {@code atTime} (highest severity first), each with the conditions that held. Records
     * each firing in the state: cooldown start, alert count, rule ids, first alert time, the decision snapshot
     * (at the first alert, unless a takeover set it) and the highest risk before a takeover.
     */
    public List<RuleFiring> evaluate(ConversationState state, RuleSet rules, long atTime) {
        if (state.ended || state.takenOver) {
            return List.of();
        }
        double[] values = scorer.signals(state, atTime);
        if (!state.everTakenOver) {
            state.maxRisk = Math.max(state.maxRisk, values[Signal.RISK.ordinal()]);
        }
        List<RuleFiring> fired = null;
        for (CompiledRule r : rules.compiled()) {
            if (!r.rule.getEnabled() || !inScope(r, state) || !activeAt(r, atTime) || inCooldown(r, state, atTime)) {
                continue;
            }
            if (!conditionsHold(r, values)) {
                continue;
            }
            // Reasons are words for supervisors: built only for rules that fire (most evaluations fire nothing).
            List<AlertReason> reasons = new ArrayList<>(r.conditions.size());
            for (CompiledRule.Condition c : r.conditions) {
                double v = values[c.signal().ordinal()];
                if (c.op().test(v, c.threshold())) {
                    reasons.add(Reasons.of(c, v, state, scorer.config()));
                }
            }
            if (fired == null) {
                fired = new ArrayList<>(2);
            }
            fired.add(new RuleFiring(r.rule, reasons));
        }
        if (fired == null) {
            return List.of();
        }
        fired.sort(ORDER);
        for (RuleFiring f : fired) {
            state.recordFiring(f.rule().getId(), atTime);
        }
        if (state.decisionSnapshot == null) {
            state.decisionSnapshot = Signals.snapshot(state, atTime, scorer.config());
        }
        return fired;
    }

    /**
     * The earliest time after {@code atTime} at which a time-based condition (elapsed_minutes or
     * minutes_since_answer compared with {@code >} or {@code >=}) of an enabled, in-scope rule could become true
     * — or its cooldown end, if the condition already holds — moved to the rule's next active window when it
     * falls outside it. Empty when no such time exists (ended, taken over, nothing time-based). Other conditions
     * are not predicted: a timer at this time may fire nothing, and the caller then asks again.
     */
    public OptionalLong nextTimeBasedCheck(ConversationState state, RuleSet rules, long atTime) {
        if (state.ended || state.takenOver) {
            return OptionalLong.empty();
        }
        long best = Long.MAX_VALUE;
        for (CompiledRule r : rules.compiled()) {
            if (!r.timeBased || !r.rule.getEnabled() || !inScope(r, state)) {
                continue;
            }
            Long last = state.lastFired(r.id());
            long coolEnd = last == null ? Long.MIN_VALUE : last + r.rule.getCooldownMs();
            for (CompiledRule.Condition c : r.conditions) {
                if (!c.signal().timeBased() || !(c.op() == Comparison.GE || c.op() == Comparison.GT)) {
                    continue;
                }
                Long base = c.signal() == Signal.ELAPSED_MINUTES ? Long.valueOf(state.startTime) : state.waitingSince;
                if (base == null) {
                    continue;
                }
                double ms = c.threshold() * 60_000.0;
                long crossing = c.op() == Comparison.GE
                        ? base + (long) Math.ceil(ms)
                        : base + (long) Math.floor(ms) + 1;
                long candidate = Math.max(crossing, coolEnd);
                if (candidate <= atTime) {
                    continue; // already true and not cooling down: only an event can change the outcome
                }
                if (r.hasTimeWindow() && !activeAt(r, candidate)) {
                    candidate = nextWindowStart(r, candidate);
                }
                best = Math.min(best, candidate);
            }
        }
        return best == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(best);
    }

    /** All conditions hold (or, for an 'any' rule, at least one). */
    private static boolean conditionsHold(CompiledRule r, double[] values) {
        // Indexed: an iterator per rule and evaluation was the scoring thread's third allocation.
        List<CompiledRule.Condition> conditions = r.conditions;
        for (int i = 0; i < conditions.size(); i++) {
            CompiledRule.Condition c = conditions.get(i);
            boolean holds = c.op().test(values[c.signal().ordinal()], c.threshold());
            if (holds == r.any) {
                return holds;
            }
        }
        return !r.any;
    }

    private static boolean inCooldown(CompiledRule r, ConversationState s, long atTime) {
        Long last = s.lastFired(r.id());
        return last != null && atTime < last + r.rule.getCooldownMs();
    }

    /** Segment, topic and channel scope; a scoped rule never matches an unknown value. */
    static boolean inScope(CompiledRule r, ConversationState s) {
        if (!r.segments.isEmpty() && (s.segment == null || !r.segments.contains(s.segment))) {
            return false;
        }
        if (!r.topics.isEmpty() || r.sensitiveScope) {
            boolean topicOk = s.topic != null && r.topics.contains(s.topic);
            if (!topicOk && !(r.sensitiveScope && s.sensitive)) {
                return false;
            }
        }
        return r.channels.isEmpty() || (s.channel != null && r.channels.contains(s.channel));
    }

    /**
     * Whether the instant falls on an active day and in the active hours, both read in the rule's zone (so
     * "08:00-18:00 Europe/Berlin" follows daylight saving). A window that wraps midnight (22:00-06:00) is
     * active after its start and before its end on each active day, judged by the local day of the instant.
     */
    static boolean activeAt(CompiledRule r, long atTime) {
        if (!r.hasTimeWindow()) {
            return true;
        }
        ZonedDateTime z = Instant.ofEpochMilli(atTime).atZone(r.zone);
        if (!r.days.isEmpty() && !r.days.contains(z.getDayOfWeek())) {
            return false;
        }
        LocalTime t = z.toLocalTime();
        LocalTime from = r.from == null ? LocalTime.MIDNIGHT : r.from;
        if (r.to == null) {
            return !t.isBefore(from);
        }
        if (from.isBefore(r.to)) {
            return !t.isBefore(from) && t.isBefore(r.to);
        }
        return !t.isBefore(from) || t.isBefore(r.to);
    }

    /** First instant at or after {@code t} at which the rule's window is open; Long.MAX_VALUE if none within a week. */
    static long nextWindowStart(CompiledRule r, long t) {
        LocalDate day = Instant.ofEpochMilli(t).atZone(r.zone).toLocalDate();
        for (int i = 0; i <= 8; i++, day = day.plusDays(1)) {
            if (!r.days.isEmpty() && !r.days.contains(day.getDayOfWeek())) {
                continue;
            }
            long start = (r.from == null ? day.atStartOfDay(r.zone) : ZonedDateTime.of(day, r.from, r.zone))
                    .toInstant().toEpochMilli();
            if (start >= t && activeAt(r, start)) {
                return start;
            }
        }
        return Long.MAX_VALUE;
    }
}
