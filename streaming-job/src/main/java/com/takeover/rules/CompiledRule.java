package com.takeover.rules;

import com.takeover.schema.AlertRule;
import com.takeover.schema.RuleCondition;
import com.takeover.schema.RuleScope;
import java.io.Serializable;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** A validated rule with its scope and conditions parsed once, ready to evaluate. */
final class CompiledRule implements Serializable {
    private static final long serialVersionUID = 1L;

    record Condition(Signal signal, Comparison op, double threshold) implements Serializable {}

    final AlertRule rule;
    final Set<String> segments;
    final Set<String> topics;
    final boolean sensitiveScope;
    final Set<String> channels;
    final ZoneId zone;
    final EnumSet<DayOfWeek> days;
    /** Null = from midnight / to midnight. */
    final LocalTime from;
    final LocalTime to;
    final boolean any;
    final List<Condition> conditions;
    final boolean timeBased;

    /** Only for rules {@link RuleValidator} accepted. */
    CompiledRule(AlertRule rule) {
        this.rule = rule;
        RuleScope sc = rule.getScope();
        segments = lower(sc.getSegments());
        Set<String> t = lower(sc.getTopics());
        sensitiveScope = t.remove("sensitive");
        topics = t;
        channels = lower(sc.getChannels());
        zone = ZoneId.of(sc.getTimeZone());
        days = EnumSet.noneOf(DayOfWeek.class);
        for (String d : sc.getDays()) {
            days.add(RuleValidator.day(d));
        }
        from = sc.getFromTime() == null ? null : LocalTime.parse(sc.getFromTime());
        to = sc.getToTime() == null ? null : LocalTime.parse(sc.getToTime());
        any = "any".equalsIgnoreCase(rule.getMatch());
        List<Condition> cs = new ArrayList<>();
        boolean tb = false;
        for (RuleCondition c : rule.getConditions()) {
            Signal s = Signal.fromWireName(c.getSignal()).orElseThrow();
            cs.add(new Condition(s, Comparison.fromSymbol(c.getOperator()).orElseThrow(), c.getThreshold()));
            tb |= s.timeBased();
        }
        conditions = List.copyOf(cs);
        timeBased = tb;
    }

    String id() {
        return rule.getId();
    }

    int version() {
        return rule.getVersion();
    }

    boolean hasTimeWindow() {
        return from != null || to != null || !days.isEmpty();
    }

    private static Set<String> lower(List<String> xs) {
        Set<String> out = new HashSet<>();
        for (String x : xs) {
            out.add(x.trim().toLowerCase(Locale.ROOT));
        }
        return out;
    }
}
