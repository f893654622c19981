package com.takeover.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.takeover.codec.WireFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobConfigTest {

    @Test
    void defaultsAreUsable() {
        JobConfig c = JobConfig.defaults();
        assertThat(c.bootstrapServers()).isEqualTo("localhost:9092");
        assertThat(c.topics().conversationEvents()).isEqualTo("conversation-events");
        assertThat(c.topics().alertRules()).isEqualTo("alert-rules");
        assertThat(c.valueFormat()).isEqualTo(WireFormat.AVRO);
        assertThat(c.delivery()).isEqualTo(JobConfig.Delivery.AT_LEAST_ONCE);
        assertThat(c.checkpointInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.lakePath()).isEqualTo("lake");
        assertThat(c.keepMaskedText()).isFalse();
        assertThat(c.rulesFile()).isNull();
        assertThat(c.endGrace()).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.abandonTtl()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void readsEveryKeyFromAPropertiesFileWithKafkaPassThrough(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("job.properties");
        Files.writeString(file, """
                bootstrap-servers = broker-1:9093,broker-2:9093
                topic-events = chat-events
                topic-alerts = chat-alerts
                topic-dlq = chat-events-dlq
                topic-rules = chat-rules
                topic-rule-rejections = chat-rule-rejections
                group-id = takeover-prod
                start-from = latest
                value-format = json
                delivery = exactly-once
                transactional-id-prefix = takeover-prod-alerts
                transaction-timeout = 2m
                checkpoint-interval = 5s
                checkpoint-dir = /var/lib/takeover/checkpoints
                lake-path = s3://lake/takeover
                keep-masked-text = true
                rules-file = /etc/takeover/rules.yaml
                parallelism = 4
                out-of-orderness = 500ms
                idleness = 30s
                end-grace = 10m
                abandon-ttl = 2h
                kafka.security.protocol = SASL_SSL
                kafka.sasl.mechanism = SCRAM-SHA-512
                kafka.sasl.jaas.config = org.apache.kafka.common.security.scram.ScramLoginModule required username="u" password="p";
                """);
        JobConfig c = JobConfig.fromFile(file);
        assertThat(c.bootstrapServers()).isEqualTo("broker-1:9093,broker-2:9093");
        assertThat(c.topics().all()).containsExactly("chat-events", "chat-alerts", "chat-events-dlq", "chat-rules",
                "chat-rule-rejections");
        assertThat(c.groupId()).isEqualTo("takeover-prod");
        assertThat(c.startFrom()).isEqualTo(JobConfig.StartFrom.LATEST);
        assertThat(c.valueFormat()).isEqualTo(WireFormat.JSON);
        assertThat(c.delivery()).isEqualTo(JobConfig.Delivery.EXACTLY_ONCE);
        assertThat(c.transactionalIdPrefix()).isEqualTo("takeover-prod-alerts");
        assertThat(c.transactionTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(c.checkpointInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.checkpointDir()).isEqualTo("/var/lib/takeover/checkpoints");
        assertThat(c.lakePath()).isEqualTo("s3://lake/takeover");
        assertThat(c.keepMaskedText()).isTrue();
        assertThat(c.rulesFile()).isEqualTo("/etc/takeover/rules.yaml");
        assertThat(c.parallelism()).isEqualTo(4);
        assertThat(c.outOfOrderness()).isEqualTo(Duration.ofMillis(500));
        assertThat(c.idleness()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.endGrace()).isEqualTo(Duration.ofMinutes(10));
        assertThat(c.abandonTtl()).isEqualTo(Duration.ofHours(2));
        assertThat(c.kafkaProperties()).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512");
        assertThat(c.kafkaClientProperties()).containsEntry("bootstrap.servers", "broker-1:9093,broker-2:9093")
                .containsEntry("security.protocol", "SASL_SSL");
        // secrets never reach a log line
        assertThat(c.toString()).doesNotContain("password=").contains("kafka.sasl.jaas.config=******");
    }

    @Test
    void flagsOverrideTheFileKeyByKey() {
        Map<String, String> merged = new LinkedHashMap<>(Map.of("value-format", "json", "parallelism", "2"));
        merged.put("parallelism", "8");
        JobConfig c = JobConfig.fromMap(merged);
        assertThat(c.parallelism()).isEqualTo(8);
        assertThat(c.valueFormat()).isEqualTo(WireFormat.JSON);
    }

    @Test
    void readsEachStateBackendAndWritesItBackUnderItsName() {
        for (JobConfig.StateBackend b : JobConfig.StateBackend.values()) {
            JobConfig c = JobConfig.fromMap(Map.of("state-backend", b.label()));
            assertThat(c.stateBackend()).isEqualTo(b);
            assertThat(c.describe()).containsEntry("state-backend", b.label());
        }
        assertThat(JobConfig.fromMap(Map.of("state-backend", " RocksDB ")).stateBackend())
                .isEqualTo(JobConfig.StateBackend.ROCKSDB);
        assertThat(JobConfig.defaults().stateBackend()).isEqualTo(JobConfig.StateBackend.HASHMAP);
    }

    @Test
    void withoutAStateBackendExactlyOnceGetsRocksDbAndAtLeastOnceTheHeap() {
        JobConfig eo = JobConfig.fromMap(Map.of("delivery", "exactly-once"));
        assertThat(eo.stateBackend()).isEqualTo(JobConfig.StateBackend.ROCKSDB);
        assertThat(eo.describe()).containsEntry("state-backend", "rocksdb");
        assertThat(JobConfig.fromMap(Map.of("delivery", "exactly-once", "state-backend", "")).stateBackend())
                .isEqualTo(JobConfig.StateBackend.ROCKSDB);
        assertThat(JobConfig.fromMap(Map.of("delivery", "at-least-once")).stateBackend())
                .isEqualTo(JobConfig.StateBackend.HASHMAP);
        // a backend given is kept whatever the delivery
        assertThat(JobConfig.fromMap(Map.of("delivery", "exactly-once", "state-backend", "hashmap")).stateBackend())
                .isEqualTo(JobConfig.StateBackend.HASHMAP);
        // the default follows the delivery through a copy of the builder
        JobConfig switched = JobConfig.defaults().toBuilder().delivery(JobConfig.Delivery.EXACTLY_ONCE).build();
        assertThat(switched.stateBackend()).isEqualTo(JobConfig.StateBackend.ROCKSDB);
    }

    @Test
    void refusesBadInputNamingTheKey() {
        assertThatThrownBy(() -> JobConfig.fromMap(Map.of("checkpoint-intervall", "5s")))
                .hasMessageContaining("unknown configuration key 'checkpoint-intervall'");
        assertThatThrownBy(() -> JobConfig.fromMap(Map.of("idleness", "soon")))
                .hasMessageStartingWith("idleness: ").hasMessageContaining("not a duration");
        assertThatThrownBy(() -> JobConfig.fromMap(Map.of("value-format", "xml")))
                .hasMessageStartingWith("value-format: ").hasMessageContaining("avro, json");
        assertThatThrownBy(() -> JobConfig.fromMap(Map.of("delivery", "twice")))
                .hasMessageStartingWith("delivery: ");
        assertThatThrownBy(() -> JobConfig.fromMap(Map.of("parallelism", "many")))
                .hasMessage("parallelism: not a number: 'many'");
        assertThatThrownBy(() -> JobConfig.fromMap(Map.of("keep-masked-text", "maybe")))
                .hasMessageStartingWith("keep-masked-text: ");
        assertThatThrownBy(() -> JobConfig.fromMap(Map.of("topic-alerts", "conversation-events")))
                .hasMessageContaining("distinct");
        assertThatThrownBy(() -> JobConfig.fromMap(Map.of("kafka.bootstrap.servers", "x:1")))
                .hasMessageContaining("'bootstrap.servers' is set by the job itself");
        assertThatThrownBy(() -> JobConfig.fromMap(Map.of("abandon-ttl", "0")))
                .hasMessage("abandon-ttl: must be positive, was 0");
        assertThatThrownBy(() -> JobConfig.fromMap(Map.of("state-backend", "rocks")))
                .hasMessageStartingWith("state-backend: ").hasMessageContaining("hashmap, changelog or rocksdb");
        assertThatThrownBy(() -> JobConfig.fromMap(Map.of("checkpoint-min-pause", "soon")))
                .hasMessageStartingWith("checkpoint-min-pause: ");
    }

    @Test
    void exactlyOnceNeedsCheckpointsAndATransactionTimeoutAboveTheirInterval() {
        assertThatThrownBy(() -> JobConfig.fromMap(Map.of("delivery", "exactly-once", "checkpoint-interval", "0")))
                .hasMessageStartingWith("checkpoint-interval: exactly-once");
        assertThatThrownBy(() -> JobConfig.fromMap(Map.of("delivery", "exactly-once", "checkpoint-interval", "2m",
                "transaction-timeout", "3m")))
                .hasMessageStartingWith("transaction-timeout: must be well above the checkpoint interval (2m)");
        assertThat(JobConfig.fromMap(Map.of("delivery", "exactly-once", "checkpoint-interval", "2s")).delivery())
                .isEqualTo(JobConfig.Delivery.EXACTLY_ONCE);
    }

    @Test
    void durationsReadTheUsualForms() {
        assertThat(JobConfig.parseDuration("250")).isEqualTo(Duration.ofMillis(250));
        assertThat(JobConfig.parseDuration("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(JobConfig.parseDuration("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(JobConfig.parseDuration("15min")).isEqualTo(Duration.ofMinutes(15));
        assertThat(JobConfig.parseDuration("1d")).isEqualTo(Duration.ofDays(1));
        assertThat(JobConfig.parseDuration("PT1M30S")).isEqualTo(Duration.ofSeconds(90));
        assertThat(JobConfig.format(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThat(JobConfig.format(Duration.ofHours(2))).isEqualTo("2h");
    }

    @Test
    void describeListsEveryKeyOnce() {
        Map<String, String> d = JobConfig.defaults().describe();
        for (JobConfig.Key k : JobConfig.Key.values()) {
            if (k != JobConfig.Key.TRANSACTIONAL_ID_PREFIX && k != JobConfig.Key.TRANSACTION_TIMEOUT) {
                assertThat(d).containsKey(k.key());
            }
        }
        // the described config reads back to an equal config
        Map<String, String> again = new LinkedHashMap<>(d);
        assertThat(JobConfig.fromMap(again).describe()).isEqualTo(d);
    }
}
