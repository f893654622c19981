package com.takeover.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class EmbeddedKafkaTest {

    @Test
    void createsTheTopicsRoundTripsRecordsAndDeletesItsStorage() throws Exception {
        Path storage;
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            storage = kafka.storageDirectory();
            assertThat(kafka.bootstrapServers()).startsWith("localhost:");

            TopicNames topics = TopicNames.defaults();
            kafka.createTopics(topics, 2);
            kafka.createTopics(topics, 2); // idempotent
            assertThat(kafka.topicNames()).containsAll(topics.all());

            try (Admin admin = kafka.admin()) {
                var descriptions = admin.describeTopics(topics.all()).allTopicNames().get(30, TimeUnit.SECONDS);
                assertThat(descriptions.get("conversation-events").partitions()).hasSize(2);
                assertThat(descriptions.get("alert-rules").partitions()).hasSize(1);
                ConfigResource rules = new ConfigResource(ConfigResource.Type.TOPIC, "alert-rules");
                ConfigEntry policy = admin.describeConfigs(List.of(rules)).all().get(30, TimeUnit.SECONDS)
                        .get(rules).get("cleanup.policy");
                assertThat(policy.value()).isEqualTo("compact");
            }

            Properties p = kafka.clientProperties();
            p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
            p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
            try (var producer = new KafkaProducer<byte[], byte[]>(p)) {
                producer.send(new ProducerRecord<>("conversation-events", bytes("c-1"), bytes("hello"))).get();
            }
            Properties c = kafka.clientProperties();
            c.put(ConsumerConfig.GROUP_ID_CONFIG, "t");
            c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
            c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
            List<String> values = new ArrayList<>();
            try (var consumer = new KafkaConsumer<byte[], byte[]>(c)) {
                consumer.subscribe(List.of("conversation-events"));
                long deadline = System.currentTimeMillis() + 30_000;
                while (values.isEmpty() && System.currentTimeMillis() < deadline) {
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                        values.add(new String(r.value(), StandardCharsets.UTF_8));
                    }
                }
            }
            assertThat(values).containsExactly("hello");
        }
        assertThat(Files.exists(storage)).isFalse();
    }

    @Test
    void acceptsBrokerSettings() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(Map.of("transaction.max.timeout.ms", "120000"))) {
            try (Admin admin = kafka.admin()) {
                var node = admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).iterator().next();
                ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, node.idString());
                String value = admin.describeConfigs(List.of(broker)).all().get(30, TimeUnit.SECONDS)
                        .get(broker).get("transaction.max.timeout.ms").value();
                assertThat(value).isEqualTo("120000");
            }
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
