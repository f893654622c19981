package com.takeover.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class KafkaClientsTest {
    private static final String BROKERS = "broker-1:9092,broker-2:9092";

    @Test
    void producersWaitForAllReplicasAndWriteByteArraysOnce() {
        Properties p = KafkaClients.producerProperties(BROKERS, "takeover-rules");

        assertThat(p).containsOnly(
                entry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BROKERS),
                entry(ProducerConfig.CLIENT_ID_CONFIG, "takeover-rules"),
                entry(ProducerConfig.ACKS_CONFIG, "all"),
                entry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true"),
                entry(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()),
                entry(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()));
        // Kafka accepts them as they are
        assertThat(new ProducerConfig(p).getBoolean(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG)).isTrue();
    }

    @Test
    void withoutAClientIdKafkaNamesTheClient() {
        assertThat(KafkaClients.producerProperties(BROKERS, null)).doesNotContainKey(ProducerConfig.CLIENT_ID_CONFIG);
        assertThat(KafkaClients.readerProperties(BROKERS, null, IsolationLevel.READ_UNCOMMITTED))
                .doesNotContainKey(ConsumerConfig.CLIENT_ID_CONFIG);
    }

    @Test
    void readersThatAssignPartitionsCommitNothingAndCreateNoTopic() {
        Properties committed = KafkaClients.readerProperties(BROKERS, "takeover-alerts-tail", IsolationLevel.READ_COMMITTED);
        Properties uncommitted = KafkaClients.readerProperties(BROKERS, "takeover-alerts-tail", IsolationLevel.READ_UNCOMMITTED);

        assertThat(committed).containsOnly(
                entry(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BROKERS),
                entry(ConsumerConfig.CLIENT_ID_CONFIG, "takeover-alerts-tail"),
                entry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"),
                entry(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false"),
                entry(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                entry(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()),
                entry(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()));
        assertThat(uncommitted).containsEntry(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        assertThat(new ConsumerConfig(uncommitted).getString(ConsumerConfig.ISOLATION_LEVEL_CONFIG))
                .isEqualTo("read_uncommitted");
    }

    @Test
    void groupReadersStartFromTheEarliestOffset() {
        Properties p = KafkaClients.groupReaderProperties(BROKERS, "bench-reader", IsolationLevel.READ_COMMITTED);

        assertThat(p).containsEntry(ConsumerConfig.GROUP_ID_CONFIG, "bench-reader")
                .containsEntry(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")
                .containsEntry(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
                .containsEntry(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName())
                // the group's offsets are committed as Kafka does by default
                .doesNotContainKeys(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, ConsumerConfig.CLIENT_ID_CONFIG);
        assertThat(new ConsumerConfig(p).getBoolean(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG)).isTrue();
    }

    @Test
    void quickAdminClientsGiveUpWithinTheirTimeout() {
        Properties p = KafkaClients.adminProperties(BROKERS, Duration.ofSeconds(5));

        assertThat(p).containsOnly(
                entry(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BROKERS),
                entry(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000"),
                entry(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000"));
        assertThat(KafkaClients.clientProperties(BROKERS))
                .containsOnly(entry(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BROKERS));
    }

    @Test
    void theCallersExtraSettingsWin() {
        Properties p = KafkaClients.withOverrides(
                KafkaClients.readerProperties(BROKERS, "takeover-rules", IsolationLevel.READ_UNCOMMITTED),
                Map.of("security.protocol", "SSL", ConsumerConfig.CLIENT_ID_CONFIG, "mine"));

        assertThat(p).containsEntry("security.protocol", "SSL").containsEntry(ConsumerConfig.CLIENT_ID_CONFIG, "mine");
        Properties base = KafkaClients.clientProperties(BROKERS);
        assertThat(KafkaClients.withOverrides(base, null)).isSameAs(base)
                .containsOnly(entry(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BROKERS));
    }
}
