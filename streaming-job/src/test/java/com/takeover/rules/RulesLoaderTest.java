package com.takeover.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.takeover.schema.AlertRule;
import com.takeover.schema.RuleCondition;
import com.takeover.schema.RuleScope;
import com.takeover.schema.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RulesLoaderTest {

    @Test
    void defaultRulesCoverEveryPromisedTrigger() {
        RuleSet d = RulesLoader.defaults();
        assertThat(d.rules()).extracting(AlertRule::getId).containsExactly(
                "human-requested", "long-conversation", "low-ai-confidence", "sensitive-topic", "sentiment-drop",
                "sentiment-trajectory", "stalled-conversation", "vip-unhappy");
        assertThat(d.rules()).allSatisfy(r -> {
            assertThat(r.getVersion()).isEqualTo(1);
            assertThat(r.getEnabled()).isTrue();
            assertThat(r.getDescription()).isNotBlank();
            assertThat(r.getCooldownMs()).isGreaterThanOrEqualTo(600_000L);
        });
        AlertRule drop = d.rule("sentiment-drop").orElseThrow();
        assertThat(drop.getSeverity()).isEqualTo(Severity.HIGH);
        assertThat(drop.getCooldownMs()).isEqualTo(900_000L);
        assertThat(drop.getConditions()).containsExactly(
                new RuleCondition("sentiment_drop", ">=", 0.8), new RuleCondition("sentiment_last", "<=", -0.4));
        assertThat(d.rule("vip-unhappy").orElseThrow().getScope().getSegments()).containsExactly("vip");
        assertThat(d.rule("human-requested").orElseThrow().getConditions())
                .containsExactly(new RuleCondition("human_requested", "==", 1.0));
    }

    @Test
    void yamlAndJsonFilesBothLoad(@TempDir Path dir) throws Exception {
        Path yaml = dir.resolve("rules.yaml");
        Files.writeString(yaml, """
                rules:
                  - id: office-hours
                    version: 3
                    severity: high
                    scope:
                      segments: [VIP, enterprise]
                      topics: [sensitive, billing_dispute]
                      channels: web
                      timeZone: Europe/Berlin
                      days: [MON, tuesday]
                      fromTime: "08:00"
                      toTime: 18:00
                    match: any
                    conditions:
                      - risk >= 0.7
                      - {signal: human_requested, operator: "==", threshold: true}
                    cooldownMs: 5000
                """);
        AlertRule fromYaml = RulesLoader.load(yaml).rule("office-hours").orElseThrow();
        assertThat(fromYaml.getVersion()).isEqualTo(3);
        assertThat(fromYaml.getSeverity()).isEqualTo(Severity.HIGH);
        RuleScope sc = fromYaml.getScope();
        assertThat(sc.getSegments()).containsExactly("VIP", "enterprise");
        assertThat(sc.getChannels()).containsExactly("web");
        assertThat(sc.getDays()).containsExactly("MON", "tuesday");
        assertThat(sc.getFromTime()).isEqualTo("08:00");
        assertThat(sc.getToTime()).as("unquoted time stays text").isEqualTo("18:00");
        assertThat(fromYaml.getConditions()).containsExactly(
                new RuleCondition("risk", ">=", 0.7), new RuleCondition("human_requested", "==", 1.0));
        assertThat(fromYaml.getCooldownMs()).isEqualTo(5000L);

        Path json = dir.resolve("rules.json");
        Files.writeString(json, "[" + RulesLoader.toJson(fromYaml) + "]");
        assertThat(RulesLoader.load(json).rule("office-hours")).contains(fromYaml);
    }

    @Test
    void oneRuleAsOnTheTopicRoundTrips() throws Exception {
        for (AlertRule r : RulesLoader.defaults().rules()) {
            assertThat(RulesLoader.parseRule(RulesLoader.toJson(r))).isEqualTo(r);
        }
        AlertRule minimal = RulesLoader.parseRule(
                "{\"id\":\"x\",\"version\":1,\"severity\":\"LOW\",\"conditions\":[\"turns > 3\"]}");
        assertThat(minimal.getMatch()).isEqualTo("all");
        assertThat(minimal.getCooldownMs()).isEqualTo(600_000L);
        assertThat(minimal.getScope().getTimeZone()).isEqualTo("UTC");
        assertThat(minimal.getEnabled()).isTrue();
    }

    @Test
    void everyProblemIsListedWithRuleAndField(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, """
                rules:
                  - id: bad-one
                    version: 0
                    severity: HIGH
                    match: some
                    scope:
                      timeZone: Europe/Berln
                      days: [MON, Funday]
                      fromTime: "8:00"
                      toTime: "25:00"
                    conditions:
                      - sentiment_avgg < -0.4
                      - signal: turns
                        operator: "=>"
                        threshold: 3
                    cooldownMs: -5
                    colour: red
                  - id: bad-one
                    version: 1
                    severity: LOW
                    conditions: []
                  - version: 1
                    severity: urgent
                    conditions: ["risk > 0.5"]
                rulez: []
                """);
        RuleValidationException e = catchThrowableOfType(RuleValidationException.class, () -> RulesLoader.load(f));
        assertThat(e.problems()).containsExactly(
                "rules file: field rulez: unknown top-level key (expected: rules)",
                "rule bad-one: field colour: unknown field",
                "rule bad-one: field version: must be >= 1, was 0",
                "rule bad-one: field match: must be all or any, was 'some'",
                "rule bad-one: field conditions[0].signal: unknown signal 'sentiment_avgg'",
                "rule bad-one: field conditions[1].operator: unknown operator '=>' (use <, <=, >, >=, ==, !=)",
                "rule bad-one: field cooldownMs: must be >= 0, was -5",
                "rule bad-one: field scope.timeZone: unknown time zone 'Europe/Berln'",
                "rule bad-one: field scope.days[1]: unknown day 'Funday' (MONDAY..SUNDAY or MON..SUN)",
                "rule bad-one: field scope.fromTime: must be HH:mm (00:00..23:59), was '8:00'",
                "rule bad-one: field scope.toTime: must be HH:mm (00:00..23:59), was '25:00'",
                "rule bad-one: field conditions: at least one condition is required",
                "rule bad-one: field id: duplicate id (rule #2)",
                "rule #3: field severity: unknown severity 'urgent' (LOW, MEDIUM, HIGH, CRITICAL)",
                "rule #3: field id: missing");
        assertThat(e.getMessage()).startsWith(f + ": rules file: field rulez: unknown top-level key (expected: rules); rule bad-one: ");
    }

    @Test
    void structuralProblemsOfOneRule() {
        RuleValidationException e = catchThrowableOfType(RuleValidationException.class, () -> RulesLoader.parseRule("""
                {"id": "Bad Id", "version": "two", "enabled": "yes", "conditions": [{"signal": "turns"}, 42, "turns >"],
                 "cooldown": "ten minutes", "scope": {"fromTime": 800, "segments": [1]}}
                """));
        assertThat(e.problems()).containsExactly(
                "rule Bad Id: field version: must be an integer >= 1, was \"two\"",
                "rule Bad Id: field enabled: must be true or false, was \"yes\"",
                "rule Bad Id: field severity: missing",
                "rule Bad Id: field conditions[0].operator: missing",
                "rule Bad Id: field conditions[0].threshold: missing",
                "rule Bad Id: field conditions[1]: must be 'signal operator threshold' or a mapping, was 42",
                "rule Bad Id: field conditions[2]: cannot read 'turns >' (expected e.g. 'sentiment_avg < -0.4')",
                "rule Bad Id: field cooldown: must be a duration like 90s, 10m, 2h or 1d, was 'ten minutes'",
                "rule Bad Id: field scope.segments[0]: must be a string, was 1",
                "rule Bad Id: field scope.fromTime: must be HH:mm as a quoted string, was 800",
                "rule Bad Id: field id: 'Bad Id' must match [a-z0-9][a-z0-9-_.]*");
        assertThat(catchThrowableOfType(RuleValidationException.class, () -> RulesLoader.parseRule("{\"id\": ")).problems())
                .singleElement().asString().startsWith("rule ?: not valid JSON at line 1, column 8: ");
    }

    @Test
    void ruleSetOfReportsProgrammaticRules() {
        AlertRule ok = rule("a", 1);
        AlertRule bad = AlertRule.newBuilder(ok).setVersion(0).setMatch("ANY").build();
        RuleValidationException e = catchThrowableOfType(RuleValidationException.class, () -> RuleSet.of(List.of(ok, bad)));
        assertThat(e.problems()).containsExactly("rule a: field version: must be >= 1, was 0",
                "rule a: field id: duplicate id (rule #2)");
        assertThat(e).hasMessage("rule a: field version: must be >= 1, was 0; rule a: field id: duplicate id (rule #2)");
    }

    @Test
    void withRuleRefusesALowerVersionAndKeepsTheSetInForce() throws Exception {
        RuleSet set = RuleSet.of(List.of(rule("a", 2)));
        assertThatThrownBy(() -> set.withRule(rule("a", 1)))
                .isInstanceOf(RuleValidationException.class)
                .hasMessage("rule a: field version: 1 is lower than version 2 in force");
        assertThat(set.rule("a").orElseThrow().getVersion()).isEqualTo(2);
        assertThat(set.withRule(rule("a", 2)).rule("a").orElseThrow().getVersion()).isEqualTo(2);
        RuleSet v3 = set.withRule(rule("a", 3)).withRule(rule("b", 1));
        assertThat(v3.rules()).extracting(AlertRule::getId, AlertRule::getVersion)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a", 3), org.assertj.core.groups.Tuple.tuple("b", 1));
        assertThat(v3.without("a").rules()).extracting(AlertRule::getId).containsExactly("b");
        assertThat(v3.without("zzz")).isSameAs(v3);
        assertThatThrownBy(() -> set.withRule(AlertRule.newBuilder(rule("c", 1)).setConditions(List.of()).build()))
                .hasMessage("rule c: field conditions: at least one condition is required");
    }

    @Test
    void emptyFileIsAnEmptyRuleSet(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("empty.yaml");
        Files.writeString(f, "rules: []\n");
        assertThat(RulesLoader.load(f).rules()).isEmpty();
        assertThatThrownBy(() -> RulesLoader.load(dir.resolve("missing.yaml")))
                .isInstanceOf(java.nio.file.NoSuchFileException.class).hasMessageContaining("rules file not found");
    }

    static AlertRule rule(String id, int version) {
        return AlertRule.newBuilder()
                .setId(id)
                .setVersion(version)
                .setSeverity(Severity.LOW)
                .setConditions(List.of(new RuleCondition("turns", ">=", 3.0)))
                .build();
    }
}
