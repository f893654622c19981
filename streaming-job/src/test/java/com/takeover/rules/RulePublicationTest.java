package com.takeover.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.takeover.rules.RulePublication.Action;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class RulePublicationTest {
    static final String FILE = """
            rules:
              - id: angry
                version: 2
                severity: HIGH
                conditions: [sentiment_last <= -0.5]
                cooldown: 5m
              - id: human
                version: 1
                severity: CRITICAL
                conditions: [human_requested == true]
              - id: stalled
                version: 1
                severity: HIGH
                conditions: [minutes_since_answer >= 3]
            """;

    static RuleSet rules(String yaml) throws Exception {
        return RulesLoader.parse(yaml, "test");
    }

    static String json(String yaml, String id) throws Exception {
        return RulesLoader.toJson(rules(yaml).rule(id).orElseThrow());
    }

    @Test
    void eachRuleIsComparedWithTheTopicsLatestRecordOfItsId() throws Exception {
        RuleSet file = rules(FILE);
        Map<String, String> topic = new TreeMap<>();
        topic.put("angry", json(FILE.replace("version: 2", "version: 1").replace("-0.5", "-0.4"), "angry"));
        topic.put("human", json(FILE, "human"));
        topic.put("stalled", null); // deleted at run time

        RulePublication plan = RulePublication.plan(file, topic);
        assertThat(plan.steps()).extracting(s -> s.rule().getId(), RulePublication.Step::action).containsExactly(
                org.assertj.core.groups.Tuple.tuple("angry", Action.UPDATE),
                org.assertj.core.groups.Tuple.tuple("human", Action.UNCHANGED),
                org.assertj.core.groups.Tuple.tuple("stalled", Action.NEW));
        assertThat(plan.toSend()).extracting(s -> s.rule().getId()).containsExactly("angry", "stalled");
        assertThat(plan.steps().get(0).describe()).isEqualTo("angry v2: replaces v1");
    }

    @Test
    void aChangedRuleWithoutAHigherVersionStopsTheWholeFile() throws Exception {
        Map<String, String> topic = Map.of("human", json(FILE.replace("CRITICAL", "HIGH"), "human"));
        RulePublication plan = RulePublication.plan(rules(FILE), topic);
        assertThat(plan.blocked()).singleElement().satisfies(s -> {
            assertThat(s.rule().getId()).isEqualTo("human");
            assertThat(s.describe()).isEqualTo("human v1: differs from the published v1 but its version is not"
                    + " higher; the job would refuse it: raise its version above 1");
        });
        assertThat(plan.toSend()).as("a file is published whole or not at all").isEmpty();
    }

    @Test
    void anInvalidRecordOnTheTopicIsReplacedByAValidRule() throws Exception {
        RulePublication plan = RulePublication.plan(rules(FILE), Map.of("angry", "{not json"));
        assertThat(plan.steps().get(0).action()).isEqualTo(Action.NEW);
    }
}
