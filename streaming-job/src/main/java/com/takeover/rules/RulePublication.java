package com.takeover.rules;

import com.takeover.schema.AlertRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What publishing a rules file to the {@code alert-rules} topic would do, decided before anything is sent: each
 * rule of the file against the latest record of its id on the topic. The live job refuses an update whose version
 * is below the one in force, so a rule that changed without a higher version is a mistake to stop here, with the
 * rule named, rather than a refusal to find later in the job's log.
 */
public final class RulePublication {

    /** What happens to one rule of the file. */
    public enum Action {
        /** not on the topic yet (or deleted there): published */
        NEW,
        /** a higher version than the topic's: published */
        UPDATE,
        /** the topic already holds exactly this rule: not sent again */
        UNCHANGED,
        /** different from the topic's, but its version is not higher: nothing is published */
        NEEDS_HIGHER_VERSION
    }

    /** One rule's decision; {@code publishedVersion} is the topic's version, or null. */
    public record Step(AlertRule rule, String json, Action action, Integer publishedVersion) {
        public String describe() {
            String id = rule.getId() + " v" + rule.getVersion();
            return switch (action) {
                case NEW -> id + ": new";
                case UPDATE -> id + ": replaces v" + publishedVersion;
                case UNCHANGED -> id + ": unchanged (already published)";
                case NEEDS_HIGHER_VERSION -> id + ": differs from the published v" + publishedVersion
                        + " but its version is not higher; the job would refuse it: raise its version above "
                        + publishedVersion;
            };
        }
    }

    private final List<Step> steps;

    private RulePublication(List<Step> steps) {
        this.steps = List.copyOf(steps);
    }

    /**
     * @param file the rules file, validated
     * @param published the topic's latest value per rule id (rule JSON, or null for a deletion)
     */
    public static RulePublication plan(RuleSet file, Map<String, String> published) {
        List<Step> steps = new ArrayList<>();
        for (AlertRule rule : file.rules()) {
            String json = RulesLoader.toJson(rule);
            String current = published.get(rule.getId());
            if (current == null) {
                steps.add(new Step(rule, json, Action.NEW, null));
                continue;
            }
            AlertRule onTopic;
            try {
                onTopic = RulesLoader.parseRule(current);
            } catch (RuleValidationException e) {
                // The job refused that record too: whatever is in force, a valid rule replaces it.
                steps.add(new Step(rule, json, Action.NEW, null));
                continue;
            }
            String canonical = RulesLoader.toJson(onTopic);
            if (canonical.equals(json)) {
                steps.add(new Step(rule, json, Action.UNCHANGED, onTopic.getVersion()));
            } else if (rule.getVersion() > onTopic.getVersion()) {
                steps.add(new Step(rule, json, Action.UPDATE, onTopic.getVersion()));
            } else {
                steps.add(new Step(rule, json, Action.NEEDS_HIGHER_VERSION, onTopic.getVersion()));
            }
        }
        return new RulePublication(steps);
    }

    public List<Step> steps() {
        return steps;
    }

    /** The rules to send: none at all when any rule needs a higher version (a file is published whole or not). */
    public List<Step> toSend() {
        if (!blocked().isEmpty()) {
            return List.of();
        }
        return steps.stream().filter(s -> s.action() == Action.NEW || s.action() == Action.UPDATE).toList();
    }

    public List<Step> blocked() {
        return steps.stream().filter(s -> s.action() == Action.NEEDS_HIGHER_VERSION).toList();
    }
}
