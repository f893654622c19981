package com.takeover.rules;

import com.takeover.schema.AlertRule;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A validated, immutable set of alert rules keyed by id (ordered by id, so evaluation order is stable).
 * Changes return a new set, so a refused update leaves the set in force untouched.
 */
public final class RuleSet implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final RuleSet EMPTY = new RuleSet(new TreeMap<>());

    private final TreeMap<String, CompiledRule> rules;
    /** The rules in id order, walked on every event: cheaper than the tree's iterator. Built on first use. */
    private transient volatile CompiledRule[] inOrder;

    private RuleSet(TreeMap<String, CompiledRule> rules) {
        this.rules = rules;
    }

    public static RuleSet empty() {
        return EMPTY;
    }

    /** Validates every rule; all problems (including duplicate ids) are reported together. */
    public static RuleSet of(Collection<AlertRule> rules) throws RuleValidationException {
        List<String> problems = new ArrayList<>();
        TreeMap<String, CompiledRule> map = new TreeMap<>();
        Set<String> seen = new HashSet<>();
        int i = 0;
        for (AlertRule r : rules) {
            i++;
            String label = RuleValidator.label(r, "#" + i);
            List<String> p = RuleValidator.validate(r, label);
            if (r.getId() != null && !r.getId().isBlank() && !seen.add(r.getId())) {
                p.add("rule " + label + ": field id: duplicate id (rule #" + i + ")");
            }
            problems.addAll(p);
            if (p.isEmpty()) {
                map.put(r.getId(), new CompiledRule(r));
            }
        }
        if (!problems.isEmpty()) {
            throw new RuleValidationException(problems);
        }
        return new RuleSet(map);
    }

    /**
     * This set with the rule added or replaced. Refused when the rule is invalid or its version is lower than
     * the version in force (an equal version replaces: a compacted topic replays its last record).
     */
    public RuleSet withRule(AlertRule rule) throws RuleValidationException {
        String label = RuleValidator.label(rule, "?");
        List<String> p = RuleValidator.validate(rule, label);
        if (!p.isEmpty()) {
            throw new RuleValidationException(p);
        }
        CompiledRule current = rules.get(rule.getId());
        if (current != null && rule.getVersion() < current.version()) {
            throw new RuleValidationException(List.of("rule " + label + ": field version: " + rule.getVersion()
                    + " is lower than version " + current.version() + " in force"));
        }
        TreeMap<String, CompiledRule> map = new TreeMap<>(rules);
        map.put(rule.getId(), new CompiledRule(rule));
        return new RuleSet(map);
    }

    /** This set without the rule (unchanged when absent): a tombstone on the alert-rules topic. */
    public RuleSet without(String ruleId) {
        if (!rules.containsKey(ruleId)) {
            return this;
        }
        TreeMap<String, CompiledRule> map = new TreeMap<>(rules);
        map.remove(ruleId);
        return new RuleSet(map);
    }

    public Collection<AlertRule> rules() {
        List<AlertRule> out = new ArrayList<>(rules.size());
        for (CompiledRule c : rules.values()) {
            out.add(c.rule);
        }
        return Collections.unmodifiableList(out);
    }

    public Optional<AlertRule> rule(String id) {
        CompiledRule c = rules.get(id);
        return c == null ? Optional.empty() : Optional.of(c.rule);
    }

    public int size() {
        return rules.size();
    }

    CompiledRule[] compiled() {
        CompiledRule[] c = inOrder;
        if (c == null) {
            c = rules.values().toArray(CompiledRule[]::new);
            inOrder = c;
        }
        return c;
    }

    @Override
    public String toString() {
        return "RuleSet" + rules.keySet();
    }
}
