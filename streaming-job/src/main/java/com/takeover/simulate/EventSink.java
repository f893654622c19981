package com.takeover.simulate;

import com.takeover.codec.Codec;
import com.takeover.codec.JsonCodec;
import com.takeover.codec.WireFormat;
import com.takeover.kafka.KafkaClients;
import com.takeover.schema.ConversationEvent;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Where simulated events go: a Kafka topic, or JSON lines for people and the {@code score} command. */
public interface EventSink extends AutoCloseable {

    void send(ConversationEvent event);

    /** Blocks until everything sent so far is delivered. */
    void flush();

    /** Events the destination has confirmed (for Kafka: acknowledged by the broker). */
    long delivered();

    @Override
    void close();

    /**
     * A Kafka topic: key = conversation id (so Kafka keeps a conversation's events in order), value
     * = the event in the given wire format. Idempotent producer, acks=all, 5 ms linger; any
     * {@code extra} property overrides these (e.g. TLS/SASL for a secured cluster).
     */
    static EventSink kafka(String bootstrapServers, String topic, WireFormat format, Properties extra) {
        return new KafkaSink(bootstrapServers, topic, format, extra);
    }

    /**
     * One JSON-encoded event per line (the JSON codec's format), e.g. to stdout or a file.
     *
     * @param closeStream whether {@link #close()} closes {@code out} (not for stdout)
     */
    static EventSink jsonLines(OutputStream out, boolean closeStream) {
        return new JsonLinesSink(new OutputStreamWriter(out, StandardCharsets.UTF_8), closeStream);
    }

    /** As {@link #jsonLines(OutputStream, boolean)}, to a character stream. */
    static EventSink jsonLines(Writer out, boolean closeStream) {
        return new JsonLinesSink(out, closeStream);
    }

    /** The Kafka producer sink. */
    final class KafkaSink implements EventSink {
        private final KafkaProducer<String, byte[]> producer;
        private final String topic;
        private final Codec<ConversationEvent> codec;
        private final AtomicReference<Exception> failure = new AtomicReference<>();
        private final AtomicLong delivered = new AtomicLong();

        KafkaSink(String bootstrapServers, String topic, WireFormat format, Properties extra) {
            Properties p = KafkaClients.producerProperties(bootstrapServers, "takeover-simulator");
            p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
            p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "30000");
            KafkaClients.withOverrides(p, extra);
            // keyed by conversation id: the StringSerializer given here takes the place of the configured key serializer
            this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
            this.topic = topic;
            this.codec = format.codec(ConversationEvent.class);
        }

        @Override
        public void send(ConversationEvent event) {
            Exception earlier = failure.get();
            if (earlier != null) {
                throw new IllegalStateException("sending to " + topic + " failed: " + earlier.getMessage(), earlier);
            }
            producer.send(new ProducerRecord<>(topic, event.getConversationId(), codec.encode(event)), (meta, e) -> {
                if (e != null) {
                    failure.compareAndSet(null, e);
                } else {
                    delivered.incrementAndGet();
                }
            });
        }

        @Override
        public void flush() {
            producer.flush();
            Exception earlier = failure.get();
            if (earlier != null) {
                throw new IllegalStateException("sending to " + topic + " failed: " + earlier.getMessage(), earlier);
            }
        }

        @Override
        public long delivered() {
            return delivered.get();
        }

        @Override
        public void close() {
            producer.close(Duration.ofSeconds(30));
        }
    }

    /** JSON lines. */
    final class JsonLinesSink implements EventSink {
        private final Writer out;
        private final JsonCodec<ConversationEvent> codec = JsonCodec.of(ConversationEvent.class);
        private final boolean closeStream;
        private volatile long written;

        JsonLinesSink(Writer out, boolean closeStream) {
            this.out = new BufferedWriter(out, 1 << 16);
            this.closeStream = closeStream;
        }

        @Override
        public void send(ConversationEvent event) {
            try {
                out.write(codec.encodeToString(event));
                out.write('\n');
                written++;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write events: " + e.getMessage(), e);
            }
        }

        @Override
        public void flush() {
            try {
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write events: " + e.getMessage(), e);
            }
        }

        @Override
        public long delivered() {
            return written;
        }

        @Override
        public void close() {
            try {
                if (closeStream) {
                    out.close();
                } else {
                    out.flush();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close the event output: " + e.getMessage(), e);
            }
        }
    }
}
