package com.takeover.cli;

import static com.takeover.testing.Events.MINUTE;
import static com.takeover.testing.Events.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.takeover.codec.JsonCodec;
import com.takeover.rules.AlertFactory;
import com.takeover.schema.ConversationEvent;
import com.takeover.schema.EndedBy;
import com.takeover.testing.Events;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScoreCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonCodec<ConversationEvent> CODEC = JsonCodec.of(ConversationEvent.class);

    record Result(int exit, List<JsonNode> out, List<String> err) {}

    static Result score(String stdin, String... args) throws Exception {
        String[] all = new String[args.length + 1];
        all[0] = "score";
        System.arraycopy(args, 0, all, 1, args.length);
        CliRun run = CliRun.withStdio(stdin, all);
        List<JsonNode> lines = new ArrayList<>();
        for (String l : run.out().split("\n")) {
            if (!l.isEmpty()) {
                lines.add(JSON.readTree(l));
            }
        }
        return new Result(run.exitCode(), lines, List.of(run.err().split("\n")));
    }

    private static String jsonl(List<ConversationEvent> events) {
        StringBuilder sb = new StringBuilder();
        for (ConversationEvent e : events) {
            sb.append(CODEC.encodeToString(e)).append('\n');
        }
        return sb.toString();
    }

    @Test
    void plainTextLinesGetSentimentHumanRequestTopicAndSensitivity() throws Exception {
        Result r = score("I want a refund\n\nmy lawyer will call you\n");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).hasSize(2);
        JsonNode first = r.out().get(0);
        assertThat(first.get("line").asInt()).isEqualTo(1);
        assertThat(first.get("sentiment").asDouble()).isBetween(-1.0, 1.0);
        assertThat(first.get("humanRequested").isBoolean()).isTrue();
        assertThat(first.get("topic").asText()).isEqualTo("refund");
        assertThat(first.get("sensitive").asBoolean()).isFalse();
        JsonNode second = r.out().get(1);
        assertThat(second.get("line").asInt()).as("blank line 2 skipped, numbering kept").isEqualTo(3);
        assertThat(second.get("topic").asText()).isEqualTo("legal");
        assertThat(second.get("sensitive").asBoolean()).isTrue();
        assertThat(r.err()).containsExactly("3 lines, 0 malformed");
    }

    @Test
    void eventLinesGetRiskAndAlertsIncludingTimerAlertsAndMalformedLinesAreReported() throws Exception {
        Events.Conversation c = Events.conversation("c1");
        Events.Conversation other = Events.conversation("c2");
        String input = jsonl(List.of(
                        c.started("cust-1", "standard", 0, "web"),
                        c.after(10).customer("I want to cancel my subscription")))
                + "{\"eventId\": \"broken\", \"conversationId\": \"c1\"}\n"
                + "not json but text about my invoice\n"
                + jsonl(List.of(
                        c.after(5).ai("Let me see", 0.3),
                        c.after(30).customer("hello?"),
                        other.customer("hi"),
                        c.at(T0 + 10 * MINUTE).customer("still there?"),
                        c.after(5).ended(EndedBy.CUSTOMER),
                        c.after(5).customer("one more thing")));
        // a short abandon TTL: c2's end-of-input timers stop after its first stall alert
        Result r = score(input, "--abandon-ttl", "5m");
        assertThat(r.exit()).isZero();
        assertThat(r.err()).containsExactly(
                "line 3: field eventTime: missing required field",
                "10 lines, 1 malformed, 1 alerts from timers pending at the end of input");
        assertThat(r.out()).extracting(n -> n.path("line").asInt(-1)).containsExactly(1, 2, 4, 5, 6, 7, 8, 9, 10, -1);

        JsonNode cancel = r.out().get(1);
        assertThat(cancel.get("conversationId").asText()).isEqualTo("c1");
        assertThat(cancel.get("eventId").asText()).isEqualTo("c1-e2");
        assertThat(cancel.get("kind").asText()).isEqualTo("CustomerMessage");
        assertThat(cancel.get("topic").asText()).isEqualTo("cancellation");
        assertThat(cancel.get("sensitive").asBoolean()).isTrue();
        assertThat(cancel.get("risk").asDouble()).isBetween(0.2, 1.0);
        assertThat(cancel.get("alerts")).hasSize(1);
        JsonNode alert = cancel.get("alerts").get(0);
        assertThat(alert.get("ruleId").asText()).isEqualTo("sensitive-topic");
        assertThat(alert.get("severity").asText()).isEqualTo("MEDIUM");
        assertThat(alert.get("trigger").asText()).isEqualTo("event");
        assertThat(alert.get("alertId").asText()).isEqualTo(AlertFactory.alertId("c1", "sensitive-topic", 1, "event:c1-e2"));
        assertThat(alert.get("reasons").get(0).get("signal").asText()).isEqualTo("sensitive_topic");
        assertThat(alert.get("reasons").get(0).get("value").asDouble()).isEqualTo(1.0);
        assertThat(alert.get("reasons").get(0).get("threshold").asDouble()).isEqualTo(1.0);
        assertThat(alert.get("reasons").get(0).get("description").asText()).isEqualTo("sensitive topic: cancellation");

        JsonNode text = r.out().get(2);
        assertThat(text.get("line").asInt()).isEqualTo(4);
        assertThat(text.get("topic").asText()).isEqualTo("billing_dispute");
        assertThat(text.has("risk")).isFalse();

        JsonNode ai = r.out().get(3);
        assertThat(ai.get("kind").asText()).isEqualTo("AiMessage");
        assertThat(ai.get("sentiment").isNull()).isTrue();
        assertThat(ai.get("alerts").get(0).get("ruleId").asText()).isEqualTo("low-ai-confidence");
        assertThat(ai.get("alerts").get(0).get("reasons").get(0).get("description").asText())
                .isEqualTo("AI confidence 0.30 < 0.40");

        // the customer waited from T0+45s; the stall alert fired on its timer (T0+3m45s) before line 8's event
        JsonNode late = r.out().get(6);
        assertThat(late.get("line").asInt()).isEqualTo(8);
        assertThat(late.get("alerts")).extracting(a -> a.get("ruleId").asText() + "@" + a.get("trigger").asText())
                .containsExactly("stalled-conversation@timer");
        assertThat(late.get("alerts").get(0).get("alertTime").asLong()).isEqualTo(T0 + 45_000 + 3 * MINUTE);

        JsonNode afterEnd = r.out().get(8);
        assertThat(afterEnd.get("ignored").asText()).isEqualTo("conversation ended");
        assertThat(afterEnd.has("alerts")).isFalse();

        // c2's "hi" was never answered and no later event of c2 came: its stall timer fires at the end of input
        JsonNode endOfInput = r.out().get(9);
        assertThat(endOfInput.get("kind").asText()).isEqualTo("EndOfInput");
        assertThat(endOfInput.get("conversationId").asText()).isEqualTo("c2");
        assertThat(endOfInput.get("alerts")).extracting(a -> a.get("ruleId").asText() + "@" + a.get("trigger").asText())
                .containsExactly("stalled-conversation@timer");
    }

    @Test
    void timersPendingAtTheEndOfInputFireUpToTheAbandonTtl() throws Exception {
        Events.Conversation waiting = Events.conversation("waiting");
        Events.Conversation answered = Events.conversation("answered");
        String input = jsonl(List.of(
                waiting.started("cust-1", "standard", 0, "web"),
                waiting.after(10).customer("where is my parcel?"),
                answered.started("cust-2", "standard", 0, "web"),
                answered.after(10).customer("where is my parcel?"),
                answered.after(5).ai("It arrives tomorrow.", 0.9)));

        Result r = score(input, "--abandon-ttl", "5m");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).filteredOn(n -> n.path("kind").asText().equals("EndOfInput")).singleElement()
                .satisfies(n -> {
                    assertThat(n.get("conversationId").asText()).isEqualTo("waiting");
                    assertThat(n.get("alerts")).hasSize(1);
                    JsonNode stall = n.get("alerts").get(0);
                    assertThat(stall.get("ruleId").asText()).isEqualTo("stalled-conversation");
                    assertThat(stall.get("trigger").asText()).isEqualTo("timer");
                    assertThat(stall.get("alertTime").asLong()).as("3 minutes after the unanswered message")
                            .isEqualTo(T0 + 10_000 + 3 * MINUTE);
                });
        assertThat(r.err()).containsExactly("5 lines, 0 malformed, 1 alerts from timers pending at the end of input");

        // with the job's default TTL (1 h) the silent conversations run on: the stall re-fires after each
        // 10-minute cooldown and both reach the 30- and 60-minute long-conversation checks, as a replay would
        Result hour = score(input);
        assertThat(hour.out()).filteredOn(n -> n.path("kind").asText().equals("EndOfInput"))
                .extracting(n -> n.get("conversationId").asText() + ":" + n.get("alerts").size())
                .containsExactly("waiting:8", "answered:2");

        // closed as abandoned before the stall came due: nothing fires, as in the job
        Result early = score(input, "--abandon-ttl", "2m");
        assertThat(early.out()).noneMatch(n -> n.path("kind").asText().equals("EndOfInput"));
        assertThat(early.err()).containsExactly("5 lines, 0 malformed");
    }

    @Test
    void everyLineMalformedExitsThree() throws Exception {
        Result r = score("{oops\n{\"eventId\":1}\n", "--format", "auto");
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).hasSize(3);
        assertThat(r.err().get(0)).startsWith("line 1: ");
        assertThat(r.err().get(1)).startsWith("line 2: ");
        assertThat(r.err().get(2)).isEqualTo("2 lines, 2 malformed");
    }

    @Test
    void jsonFormatTreatsEveryLineAsAnEventAndTextFormatNone() throws Exception {
        Result json = score("hello\n", "--format", "json");
        assertThat(json.exit()).isEqualTo(3);
        assertThat(json.err().get(0)).startsWith("line 1: ");
        Result text = score("{\"a\":1}\n", "--format", "text");
        assertThat(text.exit()).isZero();
        assertThat(text.out().get(0).has("sentiment")).isTrue();
    }

    @Test
    void customRulesAndBadRulesFile(@TempDir Path dir) throws Exception {
        Path rules = dir.resolve("rules.yaml");
        Files.writeString(rules, """
                rules:
                  - id: any-message
                    version: 2
                    severity: LOW
                    conditions: ["turns >= 1"]
                """);
        Events.Conversation c = Events.conversation("c9");
        Result r = score(jsonl(List.of(c.customer("hi"))), "--rules", rules.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out().get(0).get("alerts").get(0).get("ruleId").asText()).isEqualTo("any-message");
        assertThat(r.out().get(0).get("alerts").get(0).get("ruleVersion").asInt()).isEqualTo(2);

        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "rules:\n  - id: x\n    version: 0\n    severity: LOW\n    conditions: [\"turnz > 1\"]\n");
        Result b = score("", "--rules", bad.toString());
        assertThat(b.exit()).isEqualTo(1);
        assertThat(b.err()).containsExactly(
                bad + ": rule x: field version: must be >= 1, was 0",
                bad + ": rule x: field conditions[0].signal: unknown signal 'turnz'",
                "error: " + bad + ": 2 problem(s) in the rules (listed above)");

        Result missing = score("", "--rules", dir.resolve("nope.yaml").toString());
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).containsExactly("error: rules file not found: " + dir.resolve("nope.yaml"));
    }

    @Test
    void boundedMemoryDropsLeastRecentlyActiveConversations() throws Exception {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            sb.append(CODEC.encodeToString(Events.customer("conv-" + i, "e" + i, T0 + i, "hi"))).append('\n');
        }
        Result r = score(sb.toString(), "--max-conversations", "10", "--abandon-ttl", "1m");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).hasSize(50);
        assertThat(r.err()).containsExactly("50 lines, 0 malformed, 40 open conversations dropped (--max-conversations)");
    }

    @Test
    void helpAndBadArguments() throws Exception {
        CliRun help = CliRun.withStdio("", "score", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("--rules=FILE", "--format=FORMAT", "Exit codes:", "  3  there were lines and every one was malformed",
                "'line N: <reason>'");
        assertThat(score("", "--format", "xml").exit()).isEqualTo(2);
        assertThat(score("", "--max-conversations", "0").exit()).isEqualTo(2);
    }
}
