package com.takeover.job.failure;

import static org.assertj.core.api.Assertions.assertThat;

import com.takeover.codec.WireFormat;
import com.takeover.job.DeadLetter;
import com.takeover.job.JobConfig;
import com.takeover.job.TakeoverJob;
import com.takeover.job.failure.Pipeline.Keyed;
import com.takeover.kafka.EmbeddedKafka;
import com.takeover.kafka.TopicNames;
import com.takeover.schema.ConversationEnded;
import com.takeover.schema.ConversationEvent;
import com.takeover.schema.CustomerMessage;
import com.takeover.schema.EndedBy;
import com.takeover.schema.TakeoverAlert;
import com.takeover.testing.TestKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Malformed input mixed into real traffic: random bytes, truncated and corrupted records, wrong JSON types,
 * unknown enum symbols, missing required fields, a 1 MB record, events from the far future. Every bad record
 * must land in the dead-letter topic exactly once with its reason, and the alerts on the good records must be
 * exactly those of a run without the bad ones.
 */
class BadInputTest {
    static final int CONVERSATIONS = 250;
    static final int ONE_MB = 1024 * 1024;

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    static EmbeddedKafka kafka;
    static TestKafka clients;
    static List<ConversationEvent> good;
    /** Alerts of the clean run, by id. */
    static Map<String, TakeoverAlert> reference;

    @BeforeAll
    static void cleanRun() throws Exception {
        kafka = EmbeddedKafka.start();
        clients = new TestKafka(kafka);
        good = Pipeline.simulated(11, CONVERSATIONS);
        TopicNames t = createTopics("clean-");
        Pipeline.produce(kafka, t.conversationEvents(), Pipeline.encode(good, WireFormat.AVRO));
        runBounded(t, WireFormat.AVRO);
        List<TakeoverAlert> alerts = Pipeline.alerts(clients, t.takeoverAlerts(), WireFormat.AVRO, false);
        reference = Pipeline.byId(alerts);
        // at-least-once without a failure sends each alert once
        assertThat(alerts).hasSize(reference.size());
        assertThat(reference).hasSizeGreaterThan(50);
        assertThat(clients.readAll(t.deadLetters(), false)).isEmpty();
    }

    @AfterAll
    static void stop() {
        if (clients != null) {
            clients.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    /** The pipeline's topics, two partitions; the events topic and the DLQ take records of up to 2 MB. */
    static TopicNames createTopics(String prefix) {
        TopicNames t = Pipeline.topics(prefix);
        Map<String, String> big = Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(2 * ONE_MB));
        kafka.createTopics(List.of(new NewTopic(t.conversationEvents(), 2, (short) 1).configs(big),
                new NewTopic(t.deadLetters(), 1, (short) 1).configs(big)));
        kafka.createTopics(t, 2);
        return t;
    }

    static void runBounded(TopicNames t, WireFormat format) throws Exception {
        JobConfig cfg = Pipeline.config(kafka, t, "bad-input-" + t.conversationEvents())
                .valueFormat(format)
                .build();
        StreamExecutionEnvironment env = Pipeline.environment(2, 0, null);
        TakeoverJob.from(cfg).bounded(true).build(env);
        Pipeline.execute(env, "bad-input " + t.conversationEvents(), Pipeline.PATIENCE);
    }

    /** Field header not checked (where a random cut or random bytes fail decoding varies). */
    static final String ANY_FIELD = "*";

    /** A bad record and what the dead-letter topic must say about it ({@code field} null: no field header). */
    record Bad(String name, Keyed record, String reasonContains, String field) {}

    @Test
    void badJsonRecordsGoToTheDeadLetterTopicAndTheGoodOnesAlertAsWithoutThem() throws Exception {
        WireFormat json = WireFormat.JSON;
        List<Keyed> goodRecords = Pipeline.encode(good, json);
        String someone = good.get(0).getConversationId();
        String valid = new String(goodRecords.get(1).value(), StandardCharsets.UTF_8);
        long future = System.currentTimeMillis() + Duration.ofDays(30).toMillis();

        List<Bad> bad = new ArrayList<>(randomBytes(json, someone));
        bad.add(new Bad("truncated json", new Keyed(someone, utf8(valid.substring(0, valid.length() / 2))),
                "not valid JSON", null));
        bad.add(new Bad("time as text", new Keyed(someone, utf8(
                "{\"eventId\":\"x1\",\"conversationId\":\"" + someone + "\",\"eventTime\":\"yesterday\","
                        + "\"payload\":{\"CustomerMessage\":{\"text\":\"hello\"}}}")),
                "expected", "eventTime"));
        bad.add(new Bad("confidence as text", new Keyed(someone, utf8(
                "{\"eventId\":\"x2\",\"conversationId\":\"" + someone + "\",\"eventTime\":1790000000000,"
                        + "\"payload\":{\"AiMessage\":{\"text\":\"hi\",\"confidence\":\"high\"}}}")),
                "expected a number", "payload.AiMessage.confidence"));
        bad.add(new Bad("text as number", new Keyed(someone, utf8(
                "{\"eventId\":\"x3\",\"conversationId\":\"" + someone + "\",\"eventTime\":1790000000000,"
                        + "\"payload\":{\"CustomerMessage\":{\"text\":42}}}")),
                "expected", "payload.CustomerMessage.text"));
        bad.add(new Bad("unknown trigger", new Keyed(someone, utf8(
                "{\"eventId\":\"x4\",\"conversationId\":\"" + someone + "\",\"eventTime\":1790000000000,"
                        + "\"payload\":{\"Takeover\":{\"agentId\":\"a\",\"trigger\":\"MAYBE\"}}}")),
                "unknown enum symbol \"MAYBE\"", "payload.Takeover.trigger"));
        bad.add(new Bad("unknown ended-by", new Keyed(someone, utf8(
                "{\"eventId\":\"x5\",\"conversationId\":\"" + someone + "\",\"eventTime\":1790000000000,"
                        + "\"payload\":{\"ConversationEnded\":{\"endedBy\":\"ROBOT\"}}}")),
                "unknown enum symbol \"ROBOT\"", "payload.ConversationEnded.endedBy"));
        bad.add(new Bad("no event id", new Keyed(someone, utf8(
                "{\"conversationId\":\"" + someone + "\",\"eventTime\":1790000000000,"
                        + "\"payload\":{\"CustomerMessage\":{\"text\":\"hello\"}}}")),
                "missing required field", "eventId"));
        bad.add(new Bad("no text", new Keyed(someone, utf8(
                "{\"eventId\":\"x6\",\"conversationId\":\"" + someone + "\",\"eventTime\":1790000000000,"
                        + "\"payload\":{\"CustomerMessage\":{}}}")),
                "missing required field", "payload.CustomerMessage.text"));
        bad.add(new Bad("unknown payload", new Keyed(someone, utf8(
                "{\"eventId\":\"x7\",\"conversationId\":\"" + someone + "\",\"eventTime\":1790000000000,"
                        + "\"payload\":{\"Refund\":{\"amount\":3}}}")),
                "unknown payload type", "payload"));
        bad.add(new Bad("empty conversation id", new Keyed(null, json.codec(ConversationEvent.class).encode(
                event("", "x8", 1_790_000_000_000L, new CustomerMessage("hi")))),
                "must not be empty", "conversationId"));
        bad.add(new Bad("null value", new Keyed(someone, null), "empty record", null));
        bad.addAll(commonBad(json, someone, future));

        runWithBadRecords("json-", json, goodRecords, bad);
    }

    @Test
    void badAvroRecordsGoToTheDeadLetterTopicAndTheGoodOnesAlertAsWithoutThem() throws Exception {
        WireFormat avro = WireFormat.AVRO;
        List<Keyed> goodRecords = Pipeline.encode(good, avro);
        String someone = good.get(0).getConversationId();
        long future = System.currentTimeMillis() + Duration.ofDays(30).toMillis();
        var codec = avro.codec(ConversationEvent.class);

        List<Bad> bad = new ArrayList<>(randomBytes(avro, someone));
        byte[] message = codec.encode(event(someone, "y1", 1_790_000_000_000L,
                new CustomerMessage("where is my parcel, I ordered it two weeks ago")));
        for (int cut : new int[] {1, 5, 10, 14, message.length / 2, message.length - 1}) {
            bad.add(new Bad("avro cut at " + cut, new Keyed(someone, Arrays.copyOf(message, cut)), "", ANY_FIELD));
        }
        // ConversationEnded ends with its endedBy enum index and the reason's (null) union branch
        byte[] ended = codec.encode(event(someone, "y2", 1_790_000_000_000L, new ConversationEnded(EndedBy.AI, null)));
        ended[ended.length - 2] = 18; // zig-zag 9: no such EndedBy symbol
        bad.add(new Bad("enum index out of range", new Keyed(someone, ended), "invalid enum index 9",
                "payload.ConversationEnded.endedBy"));
        byte[] otherSchema = message.clone();
        otherSchema[5] ^= 0x5A; // a fingerprint byte
        bad.add(new Bad("unknown fingerprint", new Keyed(someone, otherSchema), "unknown schema fingerprint", null));
        bad.add(new Bad("json sent to avro", new Keyed(someone,
                WireFormat.JSON.codec(ConversationEvent.class).encode(good.get(3))), "looks like JSON", null));
        byte[] trailing = Arrays.copyOf(message, message.length + 3);
        bad.add(new Bad("trailing bytes", new Keyed(someone, trailing), "trailing bytes", null));
        bad.add(new Bad("empty event id", new Keyed(someone, codec.encode(
                event(someone, "", 1_790_000_000_000L, new CustomerMessage("hi")))), "must not be empty", "eventId"));
        bad.addAll(commonBad(avro, someone, future));

        runWithBadRecords("avro-", avro, goodRecords, bad);
    }

    /** A 1 MB record, events from the far future and an event time before 1970: bad in any format. */
    private static List<Bad> commonBad(WireFormat format, String someone, long future) {
        var codec = format.codec(ConversationEvent.class);
        List<Bad> bad = new ArrayList<>();
        char[] text = new char[ONE_MB];
        Arrays.fill(text, 'a');
        byte[] huge = codec.encode(event(someone, "z1", 1_790_000_000_000L, new CustomerMessage(new String(text))));
        assertThat(huge.length).isGreaterThan(ONE_MB);
        bad.add(new Bad("1 MB message", new Keyed(someone, huge), "larger than max-event-bytes", null));
        bad.add(new Bad("30 days ahead", new Keyed(someone, codec.encode(
                event(someone, "z2", future, new CustomerMessage("from the future")))), "ahead of the job's clock",
                "eventTime"));
        bad.add(new Bad("end of time", new Keyed(someone, codec.encode(
                event(someone, "z3", Long.MAX_VALUE, new ConversationEnded(EndedBy.AI, null)))),
                "ahead of the job's clock", "eventTime"));
        bad.add(new Bad("before 1970", new Keyed(someone, codec.encode(
                event(someone, "z4", -5, new CustomerMessage("old")))), "must be positive", "eventTime"));
        return bad;
    }

    private static List<Bad> randomBytes(WireFormat format, String key) {
        Random random = new Random(format.ordinal() + 1);
        List<Bad> out = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            byte[] b = new byte[1 + random.nextInt(300)];
            random.nextBytes(b);
            if (format == WireFormat.AVRO && i % 3 == 0 && b.length > 2) {
                b[0] = (byte) 0xC3; // right marker, garbage after it
                b[1] = 0x01;
            }
            out.add(new Bad("random " + i, new Keyed(key, b), "", ANY_FIELD));
        }
        return out;
    }

    private void runWithBadRecords(String prefix, WireFormat format, List<Keyed> goodRecords, List<Bad> bad)
            throws Exception {
        TopicNames t = createTopics(prefix);
        // Bad records spread through the good ones, at fixed positions
        List<Keyed> mixed = new ArrayList<>(goodRecords);
        Random random = new Random(99);
        for (Bad b : bad) {
            int pos = random.nextInt(mixed.size() + 1);
            mixed.add(pos, b.record());
        }
        Pipeline.produce(kafka, t.conversationEvents(), mixed);

        runBounded(t, format);

        List<TakeoverAlert> alerts = Pipeline.alerts(clients, t.takeoverAlerts(), format, false);
        assertThat(alerts).hasSize(reference.size());
        Pipeline.assertSameAlerts(Pipeline.byId(alerts), reference);

        List<ConsumerRecord<byte[], byte[]>> dlq = clients.readAll(t.deadLetters(), false);
        assertThat(dlq).hasSize(bad.size());
        List<Bad> unmatched = new ArrayList<>(bad);
        for (ConsumerRecord<byte[], byte[]> r : dlq) {
            String reason = header(r, DeadLetter.HEADER_REASON);
            assertThat(reason).as("reason header of %s", r).isNotBlank();
            assertThat(header(r, DeadLetter.HEADER_TOPIC)).isEqualTo(t.conversationEvents());
            Bad match = unmatched.stream().filter(b -> sameRecord(b.record(), r)).findFirst()
                    .orElseThrow(() -> new AssertionError("unexpected dead letter: " + reason));
            unmatched.remove(match);
            assertThat(reason).as(match.name()).contains(match.reasonContains());
            if (!ANY_FIELD.equals(match.field())) {
                assertThat(header(r, DeadLetter.HEADER_FIELD)).as(match.name()).isEqualTo(match.field());
            }
        }
        assertThat(unmatched).isEmpty();
    }

    /** The dead letter carries the bad record's key and value (a too-large value cut to the limit). */
    private static boolean sameRecord(Keyed sent, ConsumerRecord<byte[], byte[]> r) {
        if (!Arrays.equals(Pipeline.utf8(sent.key()), r.key())) {
            return false;
        }
        if (sent.value() == null || r.value() == null) {
            return sent.value() == null && r.value() == null;
        }
        if (sent.value().length > JobConfig.defaults().maxEventBytes()) {
            return Arrays.equals(Arrays.copyOf(sent.value(), JobConfig.defaults().maxEventBytes()), r.value());
        }
        return Arrays.equals(sent.value(), r.value());
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static ConversationEvent event(String conversationId, String eventId, long time, Object payload) {
        return ConversationEvent.newBuilder().setConversationId(conversationId).setEventId(eventId)
                .setEventTime(time).setPayload(payload).build();
    }
}
