package com.takeover.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.takeover.codec.AvroBinaryCodec;
import com.takeover.codec.JsonCodec;
import com.takeover.codec.WireFormat;
import com.takeover.schema.ConversationEvent;
import com.takeover.testing.Events;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

/** What the job reads from and writes to Kafka, byte for byte. */
class KafkaSerializationTest {

    private static final ConversationEvent EVENT = Events.customer("c-1", "c-1-e2", Events.T0, "hello");

    @Test
    void decodesAvroAndJsonEvents() {
        byte[] avro = AvroBinaryCodec.of(ConversationEvent.class).encode(EVENT);
        IngestedEvent a = new EventDeserializer(WireFormat.AVRO).decode("conversation-events", 2, 17, 123L, null, avro);
        assertThat(a.isDecoded()).isTrue();
        assertThat(a.event).isEqualTo(EVENT);
        assertThat(a.kafkaTimestamp).isEqualTo(123L);
        assertThat(a.value).isNull(); // bytes are kept only for dead letters

        byte[] json = JsonCodec.of(ConversationEvent.class).encode(EVENT);
        IngestedEvent j = new EventDeserializer(WireFormat.JSON).decode("conversation-events", 0, 1, 5L, null, json);
        assertThat(j.event).isEqualTo(EVENT);
    }

    @Test
    void undecodableRecordsKeepTheirBytesAndSayWhy() {
        EventDeserializer json = new EventDeserializer(WireFormat.JSON);
        byte[] garbage = "{not json".getBytes(StandardCharsets.UTF_8);
        IngestedEvent g = json.decode("conversation-events", 1, 42, 9L, "c-1".getBytes(StandardCharsets.UTF_8), garbage);
        assertThat(g.isDecoded()).isFalse();
        assertThat(g.value).isEqualTo(garbage);
        assertThat(g.key).asString(StandardCharsets.UTF_8).isEqualTo("c-1");
        assertThat(g.reason).contains("not valid JSON");
        assertThat(g.partition).isEqualTo(1);
        assertThat(g.offset).isEqualTo(42);

        byte[] wrongType = "{\"eventId\":\"e\",\"conversationId\":\"c\",\"eventTime\":\"soon\",\"payload\":{\"CustomerMessage\":{\"text\":\"x\"}}}"
                .getBytes(StandardCharsets.UTF_8);
        IngestedEvent w = json.decode("conversation-events", 0, 1, 0L, null, wrongType);
        assertThat(w.field).isEqualTo("eventTime");
        assertThat(w.reason).contains("eventTime");

        IngestedEvent json4avro = new EventDeserializer(WireFormat.AVRO)
                .decode("conversation-events", 0, 2, 0L, null, JsonCodec.of(ConversationEvent.class).encode(EVENT));
        assertThat(json4avro.isDecoded()).isFalse();

        IngestedEvent empty = json.decode("conversation-events", 0, 3, 0L, null, null);
        assertThat(empty.reason).isEqualTo("empty record (null value)");

        ConversationEvent noId = Events.customer("", "e-1", Events.T0, "hi");
        IngestedEvent blank = json.decode("conversation-events", 0, 4, 0L, null, JsonCodec.of(ConversationEvent.class).encode(noId));
        assertThat(blank.reason).isEqualTo("conversationId: must not be empty");
        assertThat(blank.field).isEqualTo("conversationId");

        ConversationEvent noTime = Events.customer("c", "e-1", 0L, "hi");
        IngestedEvent zero = json.decode("conversation-events", 0, 5, 0L, null, JsonCodec.of(ConversationEvent.class).encode(noTime));
        assertThat(zero.field).isEqualTo("eventTime");
    }

    @Test
    void deadLettersKeepKeyAndValueAndCarryProvenanceHeaders() {
        IngestedEvent failed = IngestedEvent.failed("conversation-events", 3, 99, 1_700_000_000_000L,
                "c-9".getBytes(StandardCharsets.UTF_8), new byte[] {1, 2, 3}, "field eventTime: expected a long", "eventTime");
        ProducerRecord<byte[], byte[]> r = new DeadLetterSerializer("conversation-events-dlq")
                .serialize(DeadLetter.of(failed), null, null);
        assertThat(r.topic()).isEqualTo("conversation-events-dlq");
        assertThat(r.key()).asString(StandardCharsets.UTF_8).isEqualTo("c-9");
        assertThat(r.value()).containsExactly(1, 2, 3);
        assertThat(r.timestamp()).isEqualTo(1_700_000_000_000L);
        assertThat(header(r, DeadLetter.HEADER_REASON)).isEqualTo("field eventTime: expected a long");
        assertThat(header(r, DeadLetter.HEADER_FIELD)).isEqualTo("eventTime");
        assertThat(header(r, DeadLetter.HEADER_TOPIC)).isEqualTo("conversation-events");
        assertThat(header(r, DeadLetter.HEADER_PARTITION)).isEqualTo("3");
        assertThat(header(r, DeadLetter.HEADER_OFFSET)).isEqualTo("99");
        assertThat(header(r, DeadLetter.HEADER_TIMESTAMP)).isEqualTo("1700000000000");
    }

    @Test
    void alertsAreKeyedByConversation() throws Exception {
        var alert = com.takeover.schema.TakeoverAlert.newBuilder()
                .setAlertId("a1").setConversationId("c-7").setRuleId("r").setRuleVersion(1)
                .setSeverity(com.takeover.schema.Severity.HIGH).setAlertTime(Events.T0).setRisk(0.5)
                .setReasons(java.util.List.of()).setPreview(java.util.List.of()).build();
        ProducerRecord<byte[], byte[]> r = new AlertSerializer("takeover-alerts", WireFormat.JSON).serialize(alert, null, null);
        assertThat(r.key()).asString(StandardCharsets.UTF_8).isEqualTo("c-7");
        assertThat(JsonCodec.of(com.takeover.schema.TakeoverAlert.class).decode(r.value())).isEqualTo(alert);
        ProducerRecord<byte[], byte[]> b = new AlertSerializer("takeover-alerts", WireFormat.AVRO).serialize(alert, null, null);
        assertThat(AvroBinaryCodec.of(com.takeover.schema.TakeoverAlert.class).decode(b.value())).isEqualTo(alert);
    }

    @Test
    void lakePartitionsAreTheUtcDateOfTheRecordsOwnTime() {
        assertThat(EventDateBucketAssigner.bucketOf(Instant.parse("2026-03-02T23:59:59.999Z").toEpochMilli()))
                .isEqualTo("dt=2026-03-02");
        assertThat(EventDateBucketAssigner.bucketOf(Instant.parse("2026-03-03T00:00:00Z").toEpochMilli()))
                .isEqualTo("dt=2026-03-03");
        var assigner = new EventDateBucketAssigner<Long>(t -> t);
        assertThat(assigner.getBucketId(Instant.parse("2025-12-31T22:00:00Z").toEpochMilli(), null))
                .isEqualTo("dt=2025-12-31");
    }

    private static String header(ProducerRecord<byte[], byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
