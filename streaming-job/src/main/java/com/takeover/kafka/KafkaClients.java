package com.takeover.kafka;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The settings the project's own Kafka clients (commands, simulator, benchmarks) start from, each kind said once.
 * Every method returns new {@link Properties} that the caller may add to; a {@code clientId} of null leaves the
 * name to Kafka. The Flink job's sources and sinks take theirs from {@code JobConfig}.
 */
public final class KafkaClients {
    private KafkaClients() {}

    /** {@code bootstrap.servers} alone: what every client needs, and all a plain admin client needs. */
    public static Properties clientProperties(String bootstrapServers) {
        Properties p = new Properties();
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return p;
    }

    /**
     * A producer of byte-array keys and values that waits for every in-sync replica and writes each record once
     * ({@code acks=all}, idempotent).
     */
    public static Properties producerProperties(String bootstrapServers, String clientId) {
        Properties p = named(bootstrapServers, clientId);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return p;
    }

    /**
     * A consumer of byte-array keys and values that assigns itself partitions, outside any consumer group: it
     * commits nothing, and looking for a topic that does not exist yet does not create it.
     */
    public static Properties readerProperties(String bootstrapServers, String clientId, IsolationLevel isolation) {
        Properties p = named(bootstrapServers, clientId);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation.toString());
        byteArrayDeserializers(p);
        return p;
    }

    /**
     * A consumer of byte-array keys and values in consumer group {@code groupId}, reading from the earliest
     * offset where the group has committed none.
     */
    public static Properties groupReaderProperties(String bootstrapServers, String groupId, IsolationLevel isolation) {
        Properties p = clientProperties(bootstrapServers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation.toString());
        byteArrayDeserializers(p);
        return p;
    }

    /**
     * An admin client whose every call gives up after {@code timeout}, so that an unreachable broker is an answer
     * within that time rather than after Kafka's default of a minute.
     */
    public static Properties adminProperties(String bootstrapServers, Duration timeout) {
        Properties p = clientProperties(bootstrapServers);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(timeout.toMillis()));
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(timeout.toMillis()));
        return p;
    }

    /** {@code base} with {@code extra} (e.g. the user's TLS/SASL settings; may be null) put over it; returns base. */
    public static Properties withOverrides(Properties base, Map<?, ?> extra) {
        if (extra != null) {
            base.putAll(extra);
        }
        return base;
    }

    private static Properties named(String bootstrapServers, String clientId) {
        Properties p = clientProperties(bootstrapServers);
        if (clientId != null) {
            p.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
        }
        return p;
    }

    private static void byteArrayDeserializers(Properties p) {
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    }
}
