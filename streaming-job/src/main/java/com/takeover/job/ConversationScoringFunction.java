package com.takeover.job;

import com.takeover.rules.AlertFactory;
import com.takeover.rules.RuleEvaluator;
import com.takeover.rules.RuleFiring;
import com.takeover.rules.RuleSet;
import com.takeover.rules.RuleValidationException;
import com.takeover.rules.RulesLoader;
import com.takeover.schema.AlertRule;
import com.takeover.schema.ConversationEnded;
import com.takeover.schema.ConversationEvent;
import com.takeover.schema.ConversationStarted;
import com.takeover.schema.ConversationSummary;
import com.takeover.schema.RuleRejection;
import com.takeover.schema.Takeover;
import com.takeover.schema.TakeoverAlert;
import com.takeover.schema.TakeoverRecord;
import com.takeover.scoring.ConversationScorer;
import com.takeover.scoring.ConversationState;
import com.takeover.scoring.LakeRecords;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keyed heart of the job, one instance per parallel slot, state per conversation. It folds each
 * event into the conversation's {@link ConversationState} (the scoring core), evaluates the alert
 * rules in force, and emits alerts; event-time timers catch stalled conversations without a new event
 * and clean the state up (end + grace, or the inactivity TTL for abandoned conversations), so state
 * returns to nothing for every finished conversation.
 *
 * <p>Rules arrive on the broadcast input (the compacted {@code alert-rules} topic). The broadcast state
 * holds only the updates accepted since the job first started, as JSON per rule id ("" = deleted);
 * the rules in force are the initial rules overlaid with them. A refused update changes nothing and
 * is reported once (by subtask 0) on {@link #RULE_REJECTIONS}. Rule changes never touch conversation
 * state.
 *
 * <p>Unknown and ended conversations (documented in docs/streaming-job.md): an event for a conversation
 * whose start was never seen opens its state (customer fields unknown), except a lone
 * {@code ConversationEnded}, which is dropped; events after a conversation's end are dropped until its
 * state is cleaned up. Each case is counted.
 */
public class ConversationScoringFunction
        extends KeyedBroadcastProcessFunction<String, IngestedEvent, RuleUpdate, TakeoverAlert> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ConversationScoringFunction.class);

    /** Accepted rule updates by rule id: the rule as JSON, or "" when a tombstone deleted it. */
    public static final MapStateDescriptor<String, String> RULES =
            new MapStateDescriptor<>("alert-rule-updates", Types.STRING, Types.STRING);
    private static final String DELETED = "";

    public static final OutputTag<ConversationSummary> SUMMARIES = new OutputTag<>("conversation-summaries") {};
    public static final OutputTag<TakeoverRecord> TAKEOVERS = new OutputTag<>("takeover-records") {};
    public static final OutputTag<RuleRejection> RULE_REJECTIONS = new OutputTag<>("rule-rejections") {};

    // Metric names (under the operator's metric group).
    public static final String METRIC_ALERTS = "alerts";
    public static final String METRIC_RULE_GROUP = "rule";
    public static final String METRIC_ALERT_LATENCY = "alertLatencyMs";
    public static final String METRIC_EVENTS_WITHOUT_START = "eventsWithoutStart";
    public static final String METRIC_EVENTS_AFTER_END = "eventsAfterEnd";
    public static final String METRIC_ENDS_OF_UNKNOWN = "endsOfUnknownConversations";
    public static final String METRIC_CONVERSATIONS_ENDED = "conversationsEnded";
    public static final String METRIC_CONVERSATIONS_ABANDONED = "conversationsAbandoned";
    public static final String METRIC_RULE_UPDATES = "ruleUpdatesAccepted";
    public static final String METRIC_RULE_REJECTIONS = "ruleUpdatesRejected";
    public static final String METRIC_RULES_IN_FORCE = "rulesInForce";

    /** Keyed state names (a savepoint matches state by name: never reuse one for another type). */
    public static final String STATE_CONVERSATION = "conversation-with-timers";
    public static final String LEGACY_STATE_CONVERSATION = "conversation";
    public static final String LEGACY_STATE_CHECK_TIMER = "check-timer";
    public static final String LEGACY_STATE_CHECK_DUE = "check-due";
    public static final String LEGACY_STATE_CLEANUP_TIMER = "cleanup-timer";
    static final long NONE = ConversationWithTimers.NONE;

    private final RuleSet initialRules;
    private final ConversationScorer scorer;
    private final RuleEvaluator evaluator;
    private final AlertFactory alerts = new AlertFactory();
    private final long endGraceMs;
    private final long abandonTtlMs;
    private final String rulesTopic;

    /** The conversation and its pending timers: one read and one write per event. */
    private transient ValueState<ConversationWithTimers> conversation;
    /**
     * The layout before {@link ConversationWithTimers} (four value states): still registered so a savepoint
     * taken by an earlier version restores; a conversation found there is moved to {@link #conversation} at its
     * next event or timer, and these are cleared.
     */
    private transient ValueState<ConversationState> legacyConversation;
    private transient ValueState<Long> legacyCheckTimer;
    private transient ValueState<Long> legacyCheckDue;
    private transient ValueState<Long> legacyCleanupTimer;
    /** The rules in force, derived from the broadcast state; null until first needed after (re)start. */
    private transient RuleSet rules;

    private transient Map<String, Counter> alertsPerRule;
    private transient Counter alertsTotal;
    private transient Histogram alertLatency;
    private transient Counter eventsWithoutStart;
    private transient Counter eventsAfterEnd;
    private transient Counter endsOfUnknown;
    private transient Counter conversationsEnded;
    private transient Counter conversationsAbandoned;
    private transient Counter ruleUpdatesAccepted;
    private transient Counter ruleUpdatesRejected;

    /**
     * @param initialRules rules in force at first start (the rules file or the defaults)
     * @param scorer the scoring core (its config decides preview size and whether masked transcripts are kept)
     * @param endGraceMs how long an ended conversation's state is kept (event time) to absorb stragglers
     * @param abandonTtlMs after this long without an event (event time) a conversation is closed as abandoned
     * @param rulesTopic named in rule rejections
     */
    public ConversationScoringFunction(RuleSet initialRules, ConversationScorer scorer, long endGraceMs,
            long abandonTtlMs, String rulesTopic) {
        this.initialRules = Objects.requireNonNull(initialRules, "initialRules");
        this.scorer = Objects.requireNonNull(scorer, "scorer");
        this.evaluator = new RuleEvaluator(scorer);
        if (endGraceMs < 0 || abandonTtlMs <= 0) {
            throw new IllegalArgumentException("end grace must be >= 0 and the abandon TTL > 0");
        }
        this.endGraceMs = endGraceMs;
        this.abandonTtlMs = abandonTtlMs;
        this.rulesTopic = rulesTopic == null ? "" : rulesTopic;
    }

    @Override
    public void open(OpenContext openContext) {
        // Our own serializer (not the POJO one): every checkpoint writes every open conversation.
        conversation = getRuntimeContext().getState(new ValueStateDescriptor<>(STATE_CONVERSATION,
                new ConversationWithTimersSerializer()));
        legacyConversation = getRuntimeContext().getState(new ValueStateDescriptor<>(LEGACY_STATE_CONVERSATION,
                TypeInformation.of(ConversationState.class)));
        legacyCheckTimer = getRuntimeContext().getState(new ValueStateDescriptor<>(LEGACY_STATE_CHECK_TIMER, Types.LONG));
        legacyCheckDue = getRuntimeContext().getState(new ValueStateDescriptor<>(LEGACY_STATE_CHECK_DUE, Types.LONG));
        legacyCleanupTimer = getRuntimeContext().getState(new ValueStateDescriptor<>(LEGACY_STATE_CLEANUP_TIMER,
                Types.LONG));

        MetricGroup m = getRuntimeContext().getMetricGroup();
        alertsPerRule = new HashMap<>();
        alertsTotal = m.counter(METRIC_ALERTS);
        alertLatency = m.histogram(METRIC_ALERT_LATENCY, new DescriptiveStatisticsHistogram(4096));
        eventsWithoutStart = m.counter(METRIC_EVENTS_WITHOUT_START);
        eventsAfterEnd = m.counter(METRIC_EVENTS_AFTER_END);
        endsOfUnknown = m.counter(METRIC_ENDS_OF_UNKNOWN);
        conversationsEnded = m.counter(METRIC_CONVERSATIONS_ENDED);
        conversationsAbandoned = m.counter(METRIC_CONVERSATIONS_ABANDONED);
        ruleUpdatesAccepted = m.counter(METRIC_RULE_UPDATES);
        ruleUpdatesRejected = m.counter(METRIC_RULE_REJECTIONS);
        m.gauge(METRIC_RULES_IN_FORCE, () -> rules == null ? initialRules.size() : rules.size());
        rules = null;
    }

    // ---- conversation events ---------------------------------------------------------------

    @Override
    public void processElement(IngestedEvent in, ReadOnlyContext ctx, Collector<TakeoverAlert> out)
            throws Exception {
        ConversationEvent event = in.event;
        Object payload = event.getPayload();
        long t = event.getEventTime();
        ConversationWithTimers c = load();
        if (c != null) {
            catchUpTimers(c, t, ctx, out);
            if (c.isRemoved()) {
                conversation.clear();
                c = null;
            }
        }
        if (c == null) {
            if (payload instanceof ConversationEnded) {
                // Nothing to close: its state is gone (cleaned up) or it never had any.
                endsOfUnknown.inc();
                return;
            }
            c = new ConversationWithTimers(new ConversationState(event.getConversationId()));
            if (!(payload instanceof ConversationStarted)) {
                eventsWithoutStart.inc();
            }
        } else if (c.hasEnded()) {
            eventsAfterEnd.inc();
            conversation.update(c); // due timers may have fired above
            return;
        }

        ConversationState state = c.conversation;
        scorer.apply(state, event);
        if (payload instanceof Takeover) {
            ctx.output(TAKEOVERS, LakeRecords.takeover(state, event));
        }
        RuleSet inForce = rules(ctx.getBroadcastState(RULES));
        emitAlerts(state, inForce, event.getEventId(), t, in.kafkaTimestamp, out);

        if (state.ended) {
            ctx.output(SUMMARIES, LakeRecords.summary(state, t, false, scorer.config()));
            conversationsEnded.inc();
            planCheck(c, ctx.timerService(), OptionalLong.empty());
            planCleanup(c, ctx.timerService(), t + endGraceMs);
            c.closeEnded(t);
        } else {
            planCheck(c, ctx.timerService(), evaluator.nextTimeBasedCheck(state, inForce, t));
            if (c.cleanupTimer == NONE) {
                // Not moved on every event: when it fires early, it re-arms at the last event + TTL.
                planCleanup(c, ctx.timerService(), state.lastEventTime + abandonTtlMs);
            }
        }
        conversation.update(c);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<TakeoverAlert> out) throws Exception {
        ConversationWithTimers c = load();
        if (c == null) {
            return;
        }
        fireTimers(c, timestamp, ctx, out);
        store(c);
    }

    /** This key's conversation, moved from the earlier four-state layout if it is still there; null if none. */
    private ConversationWithTimers load() throws Exception {
        ConversationWithTimers c = conversation.value();
        if (c != null) {
            if (c.conversation != null && c.conversation.ended) {
                // Stored by an earlier version, which kept the whole state until the grace ran out.
                c.closeEnded(endTime(c.conversation));
            }
            return c;
        }
        ConversationState legacy = legacyConversation.value();
        if (legacy == null) {
            return null;
        }
        c = new ConversationWithTimers(legacy);
        c.checkTimer = orNone(legacyCheckTimer.value());
        c.checkDue = orNone(legacyCheckDue.value());
        c.cleanupTimer = orNone(legacyCleanupTimer.value());
        if (legacy.ended) {
            c.closeEnded(endTime(legacy));
        }
        legacyConversation.clear();
        legacyCheckTimer.clear();
        legacyCheckDue.clear();
        legacyCleanupTimer.clear();
        conversation.update(c);
        return c;
    }

    private static long endTime(ConversationState ended) {
        return ended.endTime != null ? ended.endTime : ended.lastEventTime;
    }

    private static long orNone(Long time) {
        return time == null ? NONE : time;
    }

    private void store(ConversationWithTimers c) throws Exception {
        if (c.isRemoved()) {
            conversation.clear();
        } else {
            conversation.update(c);
        }
    }

    /**
     * Fires this conversation's timers that are due before an event of it at {@code eventTime}, in time order,
     * as if event time had already passed them. Watermarks are the minimum over all partitions, so this
     * conversation's next event can arrive before event time reaches its own pending stall or cleanup time;
     * firing due timers first makes the alerts and summaries the same whatever the other partitions' progress
     * (a replay, or a run restored from a checkpoint, then gives the same alert ids).
     */
    private void catchUpTimers(ConversationWithTimers c, long eventTime, ReadOnlyContext ctx,
            Collector<TakeoverAlert> out) throws Exception {
        while (!c.isRemoved()) {
            long check = c.checkTimer;
            long cleanup = c.cleanupTimer;
            long due = Math.min(check != NONE && check < eventTime ? check : Long.MAX_VALUE,
                    cleanup != NONE && cleanup < eventTime ? cleanup : Long.MAX_VALUE);
            if (due == Long.MAX_VALUE) {
                return;
            }
            ctx.timerService().deleteEventTimeTimer(due);
            fireTimers(c, due, ctx, out);
        }
    }

    /** What this conversation's timer at {@code timestamp} does: the stall/duration check, the cleanup, or both. */
    private void fireTimers(ConversationWithTimers c, long timestamp, ReadOnlyContext ctx,
            Collector<TakeoverAlert> out) throws Exception {
        long check = c.checkTimer;
        long cleanup = c.cleanupTimer;
        if (c.hasEnded()) {
            if (check != NONE && check == timestamp) {
                // Nothing to check once ended (the end cancels the check; a stored state may still name one).
                c.checkTimer = NONE;
                c.checkDue = NONE;
            }
            if (cleanup != NONE && cleanup == timestamp) {
                remove(c, timestamp, ctx.timerService());
            }
            return;
        }
        ConversationState state = c.conversation; // open: an ended one was closed when loaded
        if (state == null) {
            return;
        }
        if (check != NONE && check == timestamp) {
            long due = c.checkDue;
            c.checkTimer = NONE;
            c.checkDue = NONE;
            if (due != NONE && due > timestamp) {
                // Set for an earlier deadline that events have since moved: wait for the real one.
                ctx.timerService().registerEventTimeTimer(due);
                c.checkTimer = due;
            } else {
                RuleSet inForce = rules(ctx.getBroadcastState(RULES));
                // A stalled or long conversation: no event triggered this, the timer's time is the alert time.
                emitAlerts(state, inForce, null, timestamp, 0L, out);
                planCheck(c, ctx.timerService(), evaluator.nextTimeBasedCheck(state, inForce, timestamp));
            }
        }
        if (cleanup != NONE && cleanup == timestamp) {
            long abandonAt = state.lastEventTime + abandonTtlMs;
            if (abandonAt > timestamp) {
                // Events came since this timer was set: the conversation is alive, wait for the new deadline.
                c.cleanupTimer = NONE;
                planCleanup(c, ctx.timerService(), abandonAt);
                return;
            }
            ctx.output(SUMMARIES, LakeRecords.summary(state, state.lastEventTime, true, scorer.config()));
            conversationsAbandoned.inc();
            remove(c, timestamp, ctx.timerService());
        }
    }

    /** Closes the conversation's state at its cleanup timer's {@code timestamp}: nothing of it is kept. */
    private static void remove(ConversationWithTimers c, long timestamp, TimerService timers) {
        long pendingCheck = c.checkTimer;
        if (pendingCheck != NONE && pendingCheck != timestamp) {
            timers.deleteEventTimeTimer(pendingCheck);
        }
        c.conversation = null;
        c.endedAt = NONE;
        c.checkTimer = NONE;
        c.checkDue = NONE;
        c.cleanupTimer = NONE;
    }

    private void emitAlerts(ConversationState state, RuleSet inForce, String triggerEventId, long atTime,
            long kafkaTimestamp, Collector<TakeoverAlert> out) {
        List<RuleFiring> firings = evaluator.evaluate(state, inForce, atTime);
        if (firings.isEmpty()) {
            return;
        }
        double risk = scorer.risk(state, atTime);
        for (RuleFiring f : firings) {
            TakeoverAlert alert = alerts.create(state, f, triggerEventId, atTime, risk);
            if (kafkaTimestamp > 0) {
                // Stable across replays (it is the source record's own timestamp): ids stay deterministic.
                alert.setSourceTimestamp(kafkaTimestamp);
            }
            out.collect(alert);
            alertsTotal.inc();
            alertsPerRule.computeIfAbsent(alert.getRuleId(),
                    id -> getRuntimeContext().getMetricGroup().addGroup(METRIC_RULE_GROUP, id).counter(METRIC_ALERTS))
                    .inc();
            if (kafkaTimestamp > 0) {
                alertLatency.update(Math.max(0, System.currentTimeMillis() - kafkaTimestamp));
            }
        }
    }

    /**
     * Keeps at most one pending check timer per conversation, due at {@code next} (or none). A customer's
     * every message moves the stall deadline later; a timer already set before the new deadline is kept and,
     * when it fires, re-armed at the deadline ({@link ConversationWithTimers#checkDue}), which costs one timer
     * per deadline passed instead of a delete and a register per event.
     */
    private static void planCheck(ConversationWithTimers c, TimerService timers, OptionalLong next) {
        long registered = c.checkTimer;
        if (next.isEmpty()) {
            if (registered != NONE) {
                if (registered != c.cleanupTimer) {
                    timers.deleteEventTimeTimer(registered);
                }
                c.checkTimer = NONE;
                c.checkDue = NONE;
            }
            return;
        }
        long due = next.getAsLong();
        if (registered != NONE && registered <= due) {
            c.checkDue = registered == due ? NONE : due;
            return;
        }
        // Timers of one key at the same time are one timer: keep it if the cleanup timer shares it.
        if (registered != NONE && registered != c.cleanupTimer) {
            timers.deleteEventTimeTimer(registered);
        }
        timers.registerEventTimeTimer(due);
        c.checkTimer = due;
        c.checkDue = NONE;
    }

    /** Moves the conversation's single cleanup timer to {@code at}. */
    private static void planCleanup(ConversationWithTimers c, TimerService timers, long at) {
        long old = c.cleanupTimer;
        if (old == at) {
            return;
        }
        // Timers of one key at the same time are one timer: keep it if the check timer shares it.
        if (old != NONE && old != c.checkTimer) {
            timers.deleteEventTimeTimer(old);
        }
        timers.registerEventTimeTimer(at);
        c.cleanupTimer = at;
    }

    // ---- rule updates ----------------------------------------------------------------------

    @Override
    public void processBroadcastElement(RuleUpdate update, Context ctx, Collector<TakeoverAlert> out)
            throws Exception {
        BroadcastState<String, String> updates = ctx.getBroadcastState(RULES);
        RuleSet current = rules(updates);
        String id = update.ruleId;
        if (id == null || id.isBlank()) {
            reject(ctx, update, "missing key: the record key must be the rule id");
            return;
        }
        if (update.isTombstone()) {
            if (current.rule(id).isEmpty()) {
                return; // already absent: a compacted topic may replay tombstones
            }
            updates.put(id, DELETED);
            rules = current.without(id);
            accepted("rule " + id + " removed");
            return;
        }
        AlertRule rule;
        RuleSet next;
        try {
            rule = RulesLoader.parseRule(update.json);
            if (!id.equals(rule.getId())) {
                reject(ctx, update, "key '" + id + "' does not match the rule's id '" + rule.getId() + "'");
                return;
            }
            next = current.withRule(rule);
        } catch (RuleValidationException e) {
            reject(ctx, update, e.getMessage());
            return;
        }
        updates.put(id, RulesLoader.toJson(rule));
        rules = next;
        accepted("rule " + id + " version " + rule.getVersion() + " in force");
    }

    private void accepted(String what) {
        ruleUpdatesAccepted.inc();
        if (isFirstSubtask()) {
            LOG.info("{} ({} rules in force)", what, rules.size());
        }
    }

    private void reject(Context ctx, RuleUpdate update, String reason) {
        ruleUpdatesRejected.inc();
        // Every parallel instance sees the same update and refuses it the same way: report it once.
        if (!isFirstSubtask()) {
            return;
        }
        LOG.warn("refused update of rule {} (offset {}): {}; the previous version stays in force",
                update.ruleId, update.offset, reason);
        ctx.output(RULE_REJECTIONS, RuleRejection.newBuilder()
                .setRuleId(update.ruleId)
                .setReason(reason)
                .setUpdate(update.json)
                .setSourceTopic(rulesTopic)
                .setSourceOffset(update.offset)
                .setUpdateTime(update.timestamp)
                .build());
    }

    private boolean isFirstSubtask() {
        return getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() == 0;
    }

    /** The rules in force: cached, rebuilt from the broadcast state after a (re)start. */
    private RuleSet rules(ReadOnlyBroadcastState<String, String> updates) throws Exception {
        if (rules == null) {
            rules = overlay(initialRules, updates.immutableEntries());
        }
        return rules;
    }

    /**
     * The initial rules with the accepted updates applied. When the initial rules hold a newer version
     * of a rule than the update (the rules file was edited before a restart), the file's version wins.
     */
    static RuleSet overlay(RuleSet initial, Iterable<Map.Entry<String, String>> updates) {
        RuleSet out = initial;
        for (Map.Entry<String, String> e : updates) {
            if (DELETED.equals(e.getValue())) {
                out = out.without(e.getKey());
                continue;
            }
            try {
                AlertRule rule = RulesLoader.parseRule(e.getValue());
                AlertRule fromFile = initial.rule(rule.getId()).orElse(null);
                if (fromFile != null && fromFile.getVersion() > rule.getVersion()) {
                    continue;
                }
                out = out.without(rule.getId()).withRule(rule);
            } catch (RuleValidationException ex) {
                // Accepted once, so only a changed validator can refuse it now: keep the job running.
                LOG.warn("stored update of rule {} is no longer valid, ignored: {}", e.getKey(), ex.getMessage());
            }
        }
        return out;
    }
}
