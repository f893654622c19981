package com.takeover.simulate;

import com.takeover.codec.Codec;
import com.takeover.codec.DecodeException;
import com.takeover.codec.WireFormat;
import com.takeover.kafka.KafkaClients;
import com.takeover.schema.TakeoverAlert;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated supervisors' screen: a thread that reads {@code takeover-alerts} from its end
 * (only alerts raised from now on matter) and hands each decoded alert to a callback. Records that
 * cannot be decoded are counted and logged, never fatal. Waits for the topic if it does not
 * exist yet (the job may create it later).
 */
public final class AlertListener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AlertListener.class);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String topic;
    private final Codec<TakeoverAlert> codec;
    private final Consumer<TakeoverAlert> onAlert;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean assigned;
    private volatile long received;
    private volatile long undecodable;
    private volatile Throwable failure;

    public AlertListener(String bootstrapServers, String topic, WireFormat format, Properties extra, Consumer<TakeoverAlert> onAlert) {
        // a reader, not a group member: looking for the topic must not create it (with the broker's default
        // partitions) before the job does
        Properties p = KafkaClients.readerProperties(bootstrapServers,
                "takeover-simulator-supervisors-" + UUID.randomUUID().toString().substring(0, 8),
                IsolationLevel.READ_UNCOMMITTED);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        KafkaClients.withOverrides(p, extra);
        this.consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.topic = topic;
        this.codec = format.codec(TakeoverAlert.class);
        this.onAlert = onAlert;
        this.thread = new Thread(this::loop, "simulated-supervisors");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** Whether the listener has found the topic and positioned itself at its end. */
    public boolean assigned() {
        return assigned;
    }

    /** Waits until the listener reads the topic (or the timeout passes); true when it does. */
    public boolean awaitAssigned(Duration timeout) throws InterruptedException {
        long until = System.nanoTime() + timeout.toNanos();
        while (!assigned && failure == null && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        return assigned;
    }

    public long received() {
        return received;
    }

    public long undecodable() {
        return undecodable;
    }

    /** The error that stopped the listener, if any. */
    public Throwable failure() {
        return failure;
    }

    private void loop() {
        try {
            while (running && !assigned) {
                List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5));
                if (partitions == null || partitions.isEmpty()) {
                    Thread.sleep(1000); // the topic does not exist yet
                    continue;
                }
                List<TopicPartition> tps = partitions.stream().map(pi -> new TopicPartition(topic, pi.partition())).toList();
                consumer.assign(tps);
                consumer.seekToEnd(tps);
                tps.forEach(consumer::position); // resolve the end offsets now, not at the first poll
                assigned = true;
            }
            while (running) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    TakeoverAlert alert;
                    try {
                        alert = codec.decode(r.value());
                    } catch (DecodeException e) {
                        undecodable++;
                        LOG.warn("{}-{}@{}: cannot decode alert: {}", r.topic(), r.partition(), r.offset(), e.getMessage());
                        continue;
                    }
                    received++;
                    onAlert.accept(alert);
                }
            }
        } catch (WakeupException | InterruptedException e) {
            // closing
        } catch (Throwable t) {
            failure = t;
            LOG.error("simulated supervisors stopped: {}", t.toString());
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
