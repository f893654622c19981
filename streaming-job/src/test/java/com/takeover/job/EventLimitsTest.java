package com.takeover.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.takeover.codec.WireFormat;
import com.takeover.schema.ConversationEvent;
import com.takeover.testing.Events;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The two limits the deserializer puts on records that decode: size, and event time ahead of the job's clock. */
class EventLimitsTest {
    static final long NOW = Instant.parse("2026-11-28T12:00:00Z").toEpochMilli();

    @Test
    void aRecordAboveTheSizeLimitIsRefusedAndKeptCutToTheLimit() {
        EventDeserializer d = new EventDeserializer(WireFormat.JSON, 200, 0);
        ConversationEvent big = Events.customer("c-1", "c-1-e1", NOW, "x".repeat(300));
        byte[] bytes = WireFormat.JSON.codec(ConversationEvent.class).encode(big);

        IngestedEvent r = d.decode("events", 0, 7, 1L, null, bytes, NOW);
        assertThat(r.isDecoded()).isFalse();
        assertThat(r.reason).isEqualTo("record of " + bytes.length + " bytes is larger than max-event-bytes (200);"
                + " the dead letter keeps its first 200 bytes");
        assertThat(r.field).isNull();
        assertThat(r.value).isEqualTo(Arrays.copyOf(bytes, 200));

        ConversationEvent small = Events.customer("c-1", "c-1-e1", NOW, "hi");
        assertThat(d.decode("events", 0, 8, 1L, null, WireFormat.JSON.codec(ConversationEvent.class).encode(small), NOW)
                .isDecoded()).isTrue();
    }

    @Test
    void anEventTooFarAheadOfTheClockIsRefusedNamingItsTime() {
        EventDeserializer d = new EventDeserializer(WireFormat.AVRO, 65536, Duration.ofMinutes(15).toMillis());
        var codec = WireFormat.AVRO.codec(ConversationEvent.class);
        long ahead = NOW + Duration.ofMinutes(15).toMillis();

        assertThat(d.decode("events", 0, 1, 1L, null, codec.encode(Events.customer("c", "e1", ahead, "x")), NOW)
                .isDecoded()).as("exactly at the limit").isTrue();
        IngestedEvent r = d.decode("events", 0, 2, 1L, null, codec.encode(Events.customer("c", "e2", ahead + 1, "x")), NOW);
        assertThat(r.isDecoded()).isFalse();
        assertThat(r.field).isEqualTo("eventTime");
        assertThat(r.reason).isEqualTo("eventTime: 2026-11-28T12:15:00.001Z is more than 15m ahead of the job's clock"
                + " (2026-11-28T12:00:00Z, max-event-time-ahead)");

        EventDeserializer unlimited = new EventDeserializer(WireFormat.AVRO, 65536, 0);
        assertThat(unlimited.decode("events", 0, 3, 1L, null,
                codec.encode(Events.customer("c", "e3", Long.MAX_VALUE, "x")), NOW).isDecoded()).isTrue();
    }

    @Test
    void theLimitsAreJobSettings() {
        JobConfig defaults = JobConfig.defaults();
        assertThat(defaults.maxEventBytes()).isEqualTo(65536);
        assertThat(defaults.maxEventTimeAhead()).isEqualTo(Duration.ofMinutes(15));
        JobConfig c = JobConfig.fromMap(Map.of("max-event-bytes", "1048576", "max-event-time-ahead", "0"));
        assertThat(c.maxEventBytes()).isEqualTo(1048576);
        assertThat(c.maxEventTimeAhead()).isZero();
        assertThatThrownBy(() -> JobConfig.fromMap(Map.of("max-event-bytes", "0")))
                .hasMessage("max-event-bytes: must be positive, was 0");
        assertThatThrownBy(() -> JobConfig.fromMap(Map.of("max-event-bytes", "big")))
                .hasMessage("max-event-bytes: not a number: 'big'");
    }
}
