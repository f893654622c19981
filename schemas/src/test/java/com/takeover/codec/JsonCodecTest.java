package com.takeover.codec;

import static com.takeover.codec.AvroBinaryCodecTest.assertDecodeError;
import static com.takeover.codec.AvroBinaryCodecTest.decodeFailure;
import static com.takeover.codec.AvroBinaryCodecTest.decodesOrFailsCleanly;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.takeover.schema.AlertRule;
import com.takeover.schema.AlertReason;
import com.takeover.schema.ConversationEvent;
import com.takeover.schema.ConversationStarted;
import com.takeover.schema.ConversationSummary;
import com.takeover.schema.ResolutionOutcome;
import com.takeover.schema.Severity;
import com.takeover.schema.Takeover;
import com.takeover.schema.TakeoverAlert;
import com.takeover.schema.TakeoverMode;
import com.takeover.schema.TakeoverTransition;
import com.takeover.schema.TakeoverTrigger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class JsonCodecTest {

    private static final JsonCodec<ConversationEvent> EVENTS = JsonCodec.of(ConversationEvent.class);
    private static final JsonCodec<TakeoverAlert> ALERTS = JsonCodec.of(TakeoverAlert.class);
    private static final JsonCodec<AlertRule> RULES = JsonCodec.of(AlertRule.class);

    private static final String PAYLOAD_KINDS =
            "ConversationStarted, CustomerMessage, AiMessage, AgentMessage, Takeover, HandBack, ConversationEnded";

    static Stream<SpecificRecord> samples() {
        return Samples.all();
    }

    @SuppressWarnings("unchecked")
    private static <T extends SpecificRecord> JsonCodec<T> codecFor(T record) {
        return JsonCodec.of((Class<T>) record.getClass());
    }

    @ParameterizedTest
    @MethodSource("samples")
    void roundTripsEveryRecordKind(SpecificRecord record) throws DecodeException {
        JsonCodec<SpecificRecord> codec = codecFor(record);
        assertThat(codec.decode(codec.encode(record))).isEqualTo(record);
        String json = codec.encodeToString(record);
        assertThat(codec.decode(json)).isEqualTo(record);
        assertThat(new String(codec.encode(record), StandardCharsets.UTF_8)).isEqualTo(json);
        assertThat(json).doesNotContain("\n");
    }

    @Test
    void writesEachEventKindAsReadableJsonInSchemaOrder() {
        assertThat(EVENTS.encodeToString(Samples.event("e1", 1_700_000_000_000L,
                com.takeover.schema.CustomerMessage.newBuilder().setText("where is my order?").build())))
                .isEqualTo("{\"eventId\":\"e1\",\"conversationId\":\"c1\",\"eventTime\":1700000000000,"
                        + "\"payload\":{\"CustomerMessage\":{\"text\":\"where is my order?\"}}}");
        assertThat(EVENTS.encodeToString(Samples.started())).isEqualTo(
                "{\"eventId\":\"e0\",\"conversationId\":\"c1\",\"eventTime\":1700000000000,\"payload\":{\"ConversationStarted\":"
                        + "{\"customerId\":\"cust-42\",\"segment\":\"vip\",\"customerValue\":125000.5,\"channel\":\"web\",\"language\":\"de-CH\"}}}");
        assertThat(EVENTS.encodeToString(Samples.aiMessageWithoutIntent())).isEqualTo(
                "{\"eventId\":\"e4\",\"conversationId\":\"c1\",\"eventTime\":1700000003000,"
                        + "\"payload\":{\"AiMessage\":{\"text\":\"Let me check.\",\"confidence\":0.9,\"intent\":null}}}");
        assertThat(EVENTS.encodeToString(Samples.takeover())).isEqualTo(
                "{\"eventId\":\"e6\",\"conversationId\":\"c1\",\"eventTime\":1700000005000,\"payload\":{\"Takeover\":"
                        + "{\"agentId\":\"agent-7\",\"trigger\":\"ALERT\",\"alertId\":\"a-123\",\"mode\":\"CO_PILOT\",\"transition\":\"SILENT\"}}}");
        assertThat(EVENTS.encodeToString(Samples.ended())).isEqualTo(
                "{\"eventId\":\"e8\",\"conversationId\":\"c1\",\"eventTime\":1700000007000,"
                        + "\"payload\":{\"ConversationEnded\":{\"endedBy\":\"CUSTOMER\",\"reason\":\"resolved\"}}}");
    }

    @Test
    void writesNullableRecordsAndArraysPlainly() {
        String json = JsonCodec.of(ConversationSummary.class).encodeToString(Samples.abandonedSummary());
        assertThat(json).contains("\"endedBy\":null", "\"topics\":[]", "\"atDecision\":null", "\"transcript\":null",
                "\"atEnd\":{\"time\":1700000060000,\"risk\":0.0,\"sentimentLast\":null");
        assertThat(ALERTS.encodeToString(Samples.alert())).contains(
                "\"severity\":\"HIGH\"",
                "\"reasons\":[{\"signal\":\"sentiment_avg\",\"operator\":\"<\",\"value\":-0.55,\"threshold\":-0.4,",
                "\"preview\":[{\"speaker\":\"CUSTOMER\",\"time\":1700000000000,");
    }

    @Test
    void fillsOmittedFieldsFromSchemaDefaults() throws DecodeException {
        ConversationEvent started = EVENTS.decode("{\"eventId\":\"e0\",\"conversationId\":\"c1\",\"eventTime\":1,"
                + "\"payload\":{\"ConversationStarted\":{\"customerId\":\"x\",\"segment\":\"standard\",\"channel\":\"app\"}}}");
        assertThat(started.getPayload()).isEqualTo(ConversationStarted.newBuilder()
                .setCustomerId("x").setSegment("standard").setChannel("app").setCustomerValue(0.0).setLanguage("en").build());

        ConversationEvent takeover = EVENTS.decode("{\"eventId\":\"e6\",\"conversationId\":\"c1\",\"eventTime\":1,"
                + "\"payload\":{\"Takeover\":{\"agentId\":\"agent-7\",\"trigger\":\"MANUAL\"}}}");
        assertThat(takeover.getPayload()).isEqualTo(Takeover.newBuilder().setAgentId("agent-7")
                .setTrigger(TakeoverTrigger.MANUAL).setAlertId(null).setMode(TakeoverMode.FULL)
                .setTransition(TakeoverTransition.ANNOUNCED).build());

        String minimalRule = "{\"id\":\"low-confidence\",\"version\":1,\"severity\":\"MEDIUM\","
                + "\"conditions\":[{\"signal\":\"ai_confidence_min\",\"operator\":\"<\",\"threshold\":0.3}]}";
        AlertRule rule = RULES.decode(minimalRule);
        assertThat(rule.getEnabled()).isTrue();
        assertThat(rule.getDescription()).isEmpty();
        assertThat(rule.getMatch()).isEqualTo("all");
        assertThat(rule.getCooldownMs()).isEqualTo(600_000L);
        assertThat(rule.getScope().getTimeZone()).isEqualTo("UTC");
        assertThat(rule.getScope().getSegments()).isEmpty();
        assertThat(rule.getScope().getFromTime()).isNull();
        // defaults are copies: changing one decoded record does not change the next
        rule.getScope().getSegments().add("vip");
        assertThat(RULES.decode(minimalRule).getScope().getSegments()).isEmpty();

        ResolutionOutcome outcome = JsonCodec.of(ResolutionOutcome.class).decode(
                "{\"conversationId\":\"c1\",\"resolved\":true,\"knownAt\":5}");
        assertThat(outcome).isEqualTo(ResolutionOutcome.newBuilder().setConversationId("c1").setResolved(true).setKnownAt(5).build());
        assertThat(outcome.getReopenWindowDays()).isEqualTo(7);
    }

    @Test
    void namesAFieldWithTheWrongType() {
        assertJsonError(EVENTS, "{\"eventId\":\"e1\",\"conversationId\":\"c1\",\"eventTime\":1,"
                        + "\"payload\":{\"AiMessage\":{\"text\":\"x\",\"confidence\":\"high\"}}}",
                "payload.AiMessage.confidence", "expected a number, got \"high\"");
        assertJsonError(EVENTS, "{\"eventId\":null,\"conversationId\":\"c1\",\"eventTime\":1,\"payload\":{\"HandBack\":{\"agentId\":\"a\"}}}",
                "eventId", "expected a string, got null");
        assertJsonError(EVENTS, "{\"eventId\":\"e1\",\"conversationId\":\"c1\",\"eventTime\":\"1700000000000\",\"payload\":{\"HandBack\":{\"agentId\":\"a\"}}}",
                "eventTime", "expected an integer, got \"1700000000000\"");
        assertJsonError(EVENTS, "{\"eventId\":\"e1\",\"conversationId\":\"c1\",\"eventTime\":1.5,\"payload\":{\"HandBack\":{\"agentId\":\"a\"}}}",
                "eventTime", "expected an integer, got 1.5");
        assertJsonError(EVENTS, "{\"eventId\":\"e1\",\"conversationId\":[1],\"eventTime\":1,\"payload\":{\"HandBack\":{\"agentId\":\"a\"}}}",
                "conversationId", "expected a string, got an array");
        assertJsonError(JsonCodec.of(ResolutionOutcome.class), "{\"conversationId\":\"c1\",\"resolved\":\"yes\",\"knownAt\":5}",
                "resolved", "expected true or false, got \"yes\"");
        assertJsonError(JsonCodec.of(ResolutionOutcome.class), "{\"conversationId\":\"c1\",\"resolved\":true,\"csat\":4.5,\"knownAt\":5}",
                "csat", "expected an integer, got 4.5");
        assertJsonError(EVENTS, "{\"eventId\":\"e1\",\"conversationId\":\"c1\",\"eventTime\":1e400,\"payload\":{\"HandBack\":{\"agentId\":\"a\"}}}",
                "eventTime", "number out of long range");
        assertJsonError(JsonCodec.of(com.takeover.schema.SignalSnapshot.class), "{\"time\":1,\"risk\":-1e999,\"turns\":0,\"elapsedMs\":0,"
                        + "\"humanRequested\":false,\"sensitiveTopic\":false}",
                "risk", "number out of double range");
        assertJsonError(RULES, "{\"id\":\"r\",\"version\":3000000000,\"severity\":\"LOW\",\"conditions\":[]}",
                "version", "integer 3000000000 is out of int range");
        assertJsonError(RULES, "{\"id\":\"r\",\"version\":1,\"severity\":\"LOW\",\"scope\":{\"segments\":\"vip\"},\"conditions\":[]}",
                "scope.segments", "expected an array, got \"vip\"");
    }

    @Test
    void acceptsIntegralNumbersWrittenAsDecimals() throws DecodeException {
        ConversationEvent e = EVENTS.decode("{\"eventId\":\"e1\",\"conversationId\":\"c1\",\"eventTime\":1.7E12,"
                + "\"payload\":{\"HandBack\":{\"agentId\":\"a\"}}}");
        assertThat(e.getEventTime()).isEqualTo(1_700_000_000_000L);
    }

    @Test
    void namesAMissingRequiredField() {
        assertJsonError(EVENTS, "{\"eventId\":\"e1\",\"conversationId\":\"c1\",\"payload\":{\"HandBack\":{\"agentId\":\"a\"}}}",
                "eventTime", "missing required field");
        assertJsonError(EVENTS, "{\"eventId\":\"e1\",\"conversationId\":\"c1\",\"eventTime\":1,\"payload\":{\"HandBack\":{}}}",
                "payload.HandBack.agentId", "missing required field");
    }

    @Test
    void namesAnUnknownEnumSymbol() {
        assertJsonError(EVENTS, "{\"eventId\":\"e1\",\"conversationId\":\"c1\",\"eventTime\":1,"
                        + "\"payload\":{\"Takeover\":{\"agentId\":\"a\",\"trigger\":\"MAYBE\"}}}",
                "payload.Takeover.trigger", "unknown enum symbol \"MAYBE\" (expected one of ALERT, MANUAL, AI_SELF_ESCALATION)");
        assertJsonError(EVENTS, "{\"eventId\":\"e1\",\"conversationId\":\"c1\",\"eventTime\":1,"
                        + "\"payload\":{\"Takeover\":{\"agentId\":\"a\",\"trigger\":2}}}",
                "payload.Takeover.trigger", "expected a string (one of ALERT, MANUAL, AI_SELF_ESCALATION), got 2");
    }

    @Test
    void namesAnUnknownOrMalformedPayloadType() {
        assertJsonError(EVENTS, "{\"eventId\":\"e1\",\"conversationId\":\"c1\",\"eventTime\":1,\"payload\":{\"Foo\":{}}}",
                "payload", "unknown payload type \"Foo\" (expected one of " + PAYLOAD_KINDS + ")");
        assertJsonError(EVENTS, "{\"eventId\":\"e1\",\"conversationId\":\"c1\",\"eventTime\":1,"
                        + "\"payload\":{\"CustomerMessage\":{\"text\":\"a\"},\"AiMessage\":{}}}",
                "payload", "expected an object with one key naming the payload type (one of " + PAYLOAD_KINDS
                        + "), got an object with 2 keys (CustomerMessage, AiMessage)");
        assertJsonError(EVENTS, "{\"eventId\":\"e1\",\"conversationId\":\"c1\",\"eventTime\":1,\"payload\":{}}",
                "payload", "expected an object with one key naming the payload type (one of " + PAYLOAD_KINDS
                        + "), got an empty object");
        assertJsonError(EVENTS, "{\"eventId\":\"e1\",\"conversationId\":\"c1\",\"eventTime\":1,\"payload\":\"where is my order?\"}",
                "payload", "expected an object with one key naming the payload type (one of " + PAYLOAD_KINDS
                        + "), got \"where is my order?\"");
        assertJsonError(EVENTS, "{\"eventId\":\"e1\",\"conversationId\":\"c1\",\"eventTime\":1,\"payload\":null}",
                "payload", "expected an object with one key naming the payload type (one of " + PAYLOAD_KINDS + "), got null");
    }

    @Test
    void rejectsUnknownFields() {
        assertJsonError(EVENTS, "{\"eventId\":\"e1\",\"conversationId\":\"c1\",\"eventTime\":1,"
                        + "\"payload\":{\"CustomerMessage\":{\"txt\":\"hi\"}}}",
                "payload.CustomerMessage.txt", "unknown field (expected one of text)");
        assertJsonError(EVENTS, "{\"eventId\":\"e1\",\"conversationId\":\"c1\",\"eventTme\":1,\"payload\":{\"HandBack\":{\"agentId\":\"a\"}}}",
                "eventTme", "unknown field (expected one of eventId, conversationId, eventTime, payload)");
    }

    @Test
    void namesTheArrayItemOfABadValue() {
        String json = ALERTS.encodeToString(Samples.alert()).replace("\"value\":1.0", "\"value\":\"one\"");
        assertJsonError(ALERTS, json, "reasons[2].value", "expected a number, got \"one\"");
        String summary = JsonCodec.of(ConversationSummary.class).encodeToString(Samples.summary())
                .replace("\"atDecision\":{\"time\":1700000005000,\"risk\":0.81", "\"atDecision\":{\"time\":1700000005000,\"risk\":true");
        assertJsonError(JsonCodec.of(ConversationSummary.class), summary, "atDecision.risk", "expected a number, got true");
        String transcript = JsonCodec.of(ConversationSummary.class).encodeToString(Samples.summary())
                .replace("\"speaker\":\"AGENT\"", "\"speaker\":\"BOT\"");
        assertJsonError(JsonCodec.of(ConversationSummary.class), transcript, "transcript[1].speaker",
                "unknown enum symbol \"BOT\" (expected one of CUSTOMER, AI, AGENT)");
    }

    @Test
    void reportsInvalidJsonWithItsPosition() {
        assertJsonError(EVENTS, "{\"eventId\":\"e1\",}", null,
                "not valid JSON at line 1 column 17: Unexpected character ('}' (code 125)): was expecting double-quote to start field name");
        DecodeException multiLine = decodeFailure(EVENTS, "{\n  \"eventId\": \"e1\"\n  \"conversationId\": \"c1\"\n}".getBytes(StandardCharsets.UTF_8));
        assertThat(multiLine.field()).isNull();
        assertThat(multiLine.reason()).isEqualTo("not valid JSON at line 3 column 3: Unexpected character ('\"' (code 34)): was expecting comma to separate Object entries");
        DecodeException duplicate = decodeFailure(EVENTS, "{\"eventId\":\"e1\",\"eventId\":\"e2\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(duplicate.reason()).startsWith("not valid JSON at line 1 column ").contains("Duplicate field 'eventId'");
        DecodeException trailing = decodeFailure(EVENTS, (EVENTS.encodeToString(Samples.handBack()) + " {}").getBytes(StandardCharsets.UTF_8));
        assertThat(trailing.reason()).startsWith("not valid JSON at line 1 column ").contains("Trailing token");
    }

    @Test
    void rejectsInputThatIsNotAnObject() {
        assertJsonError(EVENTS, "", null, "empty input: expected a JSON object for ConversationEvent");
        assertJsonError(EVENTS, "  ", null, "empty input: expected a JSON object for ConversationEvent");
        assertJsonError(EVENTS, "[1,2]", null, "expected a JSON object for ConversationEvent, got an array");
        assertJsonError(EVENTS, "\"hello\"", null, "expected a JSON object for ConversationEvent, got \"hello\"");
        assertThat(catchThrowable(() -> EVENTS.decode((String) null))).isInstanceOf(DecodeException.class).hasMessage("no data (null)");
        assertThat(catchThrowable(() -> EVENTS.decode((byte[]) null))).isInstanceOf(DecodeException.class).hasMessage("no data (null)");
    }

    @Test
    void carriesNonFiniteNumbersAsStrings() throws DecodeException {
        TakeoverAlert alert = Samples.alert();
        alert.setReasons(List.of(Samples.reason("risk", ">", Double.NaN, Double.POSITIVE_INFINITY, "x")));
        String json = ALERTS.encodeToString(alert);
        assertThat(json).contains("\"value\":\"NaN\",\"threshold\":\"Infinity\"");
        AlertReason back = ALERTS.decode(json).getReasons().get(0);
        assertThat(back.getValue()).isNaN();
        assertThat(back.getThreshold()).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void reportsTheFieldOfANullWhenEncoding() {
        TakeoverAlert alert = Samples.alert();
        alert.setSeverity(null);
        assertThatThrownBy(() -> ALERTS.encodeToString(alert))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot encode TakeoverAlert: field severity: null for a non-nullable Severity");
        Takeover incomplete = new Takeover();
        incomplete.setTrigger(TakeoverTrigger.MANUAL);
        assertThatThrownBy(() -> EVENTS.encode(new ConversationEvent("e1", "c1", 1L, incomplete)))
                .hasMessage("cannot encode ConversationEvent: field payload.Takeover.agentId: null for a non-nullable string");
        assertThatThrownBy(() -> EVENTS.encode(new ConversationEvent("e1", "c1", 1L, "not a payload")))
                .hasMessage("cannot encode ConversationEvent: field payload: \"not a payload\" matches no branch of the union ("
                        + PAYLOAD_KINDS + ")");
    }

    @ParameterizedTest
    @MethodSource("samples")
    void truncatedOrCorruptedJsonOnlyEverGivesDecodeExceptions(SpecificRecord record) {
        JsonCodec<SpecificRecord> codec = codecFor(record);
        byte[] full = codec.encode(record);
        for (int length = 0; length < full.length; length++) {
            decodeFailure(codec, java.util.Arrays.copyOf(full, length));
        }
        Random random = new Random(11);
        byte[] alphabet = "{}[]\":,0123456789.eE-+ntrufalsNIy\\ abc".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 1_000; i++) {
            byte[] bytes = full.clone();
            for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                bytes[random.nextInt(bytes.length)] = alphabet[random.nextInt(alphabet.length)];
            }
            decodesOrFailsCleanly(codec, bytes);
        }
    }

    @Test
    void survivesJavaSerialization() throws Exception {
        JsonCodec<ConversationEvent> copy = AvroBinaryCodecTest.serializeAndBack(EVENTS);
        assertThat(copy.decode(EVENTS.encode(Samples.takeover()))).isEqualTo(Samples.takeover());
        assertThat(copy.schema()).isEqualTo(ConversationEvent.getClassSchema());
    }

    @Test
    void decodesSeverityAndOtherEnumsToTheGeneratedTypes() throws DecodeException {
        AlertRule rule = RULES.decode(RULES.encodeToString(Samples.rule()));
        assertThat(rule.getSeverity()).isSameAs(Severity.CRITICAL);
    }

    private static void assertJsonError(JsonCodec<?> codec, String json, String field, String reason) {
        assertDecodeError(codec, json.getBytes(StandardCharsets.UTF_8), field, reason);
        Throwable fromString = catchThrowable(() -> codec.decode(json));
        assertThat(fromString).isInstanceOf(DecodeException.class);
        assertThat(((DecodeException) fromString).field()).isEqualTo(field);
        assertThat(((DecodeException) fromString).reason()).isEqualTo(reason);
    }
}
