package com.takeover.rules;

import com.takeover.schema.AlertRule;
import com.takeover.schema.RuleCondition;
import com.takeover.schema.RuleScope;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Checks one {@link AlertRule}; every problem names the rule and the field. */
final class RuleValidator {
    static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9\\-_.]*");
    private static final Pattern HH_MM = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]");

    private RuleValidator() {}

    static String label(AlertRule r, String fallback) {
        String id = r.getId();
        return id == null || id.isBlank() ? fallback : id;
    }

    /** Problems of the rule, each "rule <label>: field <field>: <what>"; empty when it is usable. */
    static List<String> validate(AlertRule r, String label) {
        List<String> p = new ArrayList<>();
        String prefix = "rule " + label + ": field ";
        String id = r.getId();
        if (id == null || id.isBlank()) {
            p.add(prefix + "id: missing");
        } else if (!ID.matcher(id).matches()) {
            p.add(prefix + "id: '" + id + "' must match [a-z0-9][a-z0-9-_.]*");
        }
        if (r.getVersion() < 1) {
            p.add(prefix + "version: must be >= 1, was " + r.getVersion());
        }
        if (r.getSeverity() == null) {
            p.add(prefix + "severity: missing");
        }
        String match = r.getMatch();
        if (match == null || !(match.equalsIgnoreCase("all") || match.equalsIgnoreCase("any"))) {
            p.add(prefix + "match: must be all or any, was '" + match + "'");
        }
        List<RuleCondition> cs = r.getConditions();
        if (cs == null || cs.isEmpty()) {
            p.add(prefix + "conditions: at least one condition is required");
        } else {
            for (int i = 0; i < cs.size(); i++) {
                RuleCondition c = cs.get(i);
                String f = prefix + "conditions[" + i + "].";
                if (Signal.fromWireName(c.getSignal()).isEmpty()) {
                    p.add(f + "signal: unknown signal '" + c.getSignal() + "'");
                }
                if (Comparison.fromSymbol(c.getOperator()).isEmpty()) {
                    p.add(f + "operator: unknown operator '" + c.getOperator() + "' (use <, <=, >, >=, ==, !=)");
                }
                if (!Double.isFinite(c.getThreshold())) {
                    p.add(f + "threshold: must be a finite number, was " + c.getThreshold());
                }
            }
        }
        if (r.getCooldownMs() < 0) {
            p.add(prefix + "cooldownMs: must be >= 0, was " + r.getCooldownMs());
        }
        RuleScope sc = r.getScope();
        if (sc == null) {
            p.add(prefix + "scope: missing");
        } else {
            checkList(p, prefix + "scope.segments", sc.getSegments());
            checkList(p, prefix + "scope.topics", sc.getTopics());
            checkList(p, prefix + "scope.channels", sc.getChannels());
            String zone = sc.getTimeZone();
            try {
                if (zone == null) {
                    p.add(prefix + "scope.timeZone: missing");
                } else {
                    ZoneId.of(zone);
                }
            } catch (DateTimeException e) {
                p.add(prefix + "scope.timeZone: unknown time zone '" + zone + "'");
            }
            List<String> days = sc.getDays();
            if (days != null) {
                for (int i = 0; i < days.size(); i++) {
                    if (day(days.get(i)) == null) {
                        p.add(prefix + "scope.days[" + i + "]: unknown day '" + days.get(i)
                                + "' (MONDAY..SUNDAY or MON..SUN)");
                    }
                }
            } else {
                p.add(prefix + "scope.days: missing");
            }
            boolean fromOk = checkTime(p, prefix + "scope.fromTime", sc.getFromTime());
            boolean toOk = checkTime(p, prefix + "scope.toTime", sc.getToTime());
            if (fromOk && toOk && sc.getFromTime() != null && sc.getFromTime().equals(sc.getToTime())) {
                p.add(prefix + "scope.toTime: equals fromTime " + sc.getFromTime() + " (an empty window)");
            }
        }
        return p;
    }

    private static void checkList(List<String> p, String field, List<String> xs) {
        if (xs == null) {
            p.add(field + ": missing");
            return;
        }
        for (int i = 0; i < xs.size(); i++) {
            if (xs.get(i) == null || xs.get(i).isBlank()) {
                p.add(field + "[" + i + "]: empty");
            }
        }
    }

    private static boolean checkTime(List<String> p, String field, String t) {
        if (t != null && !HH_MM.matcher(t).matches()) {
            p.add(field + ": must be HH:mm (00:00..23:59), was '" + t + "'");
            return false;
        }
        return true;
    }

    /** MONDAY..SUNDAY or MON..SUN, any case; null when neither. */
    static DayOfWeek day(String d) {
        if (d == null) {
            return null;
        }
        String u = d.trim().toUpperCase(Locale.ROOT);
        for (DayOfWeek w : DayOfWeek.values()) {
            if (w.name().equals(u) || w.name().substring(0, 3).equals(u)) {
                return w;
            }
        }
        return null;
    }
}
