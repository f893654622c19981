package com.takeover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.takeover.codec.Codec;
import com.takeover.codec.JsonCodec;
import com.takeover.codec.WireFormat;
import com.takeover.kafka.KafkaClients;
import com.takeover.schema.AlertReason;
import com.takeover.schema.ConversationEnded;
import com.takeover.schema.ConversationEvent;
import com.takeover.schema.ConversationStarted;
import com.takeover.schema.CustomerMessage;
import com.takeover.schema.PreviewMessage;
import com.takeover.schema.Severity;
import com.takeover.schema.Speaker;
import com.takeover.schema.Takeover;
import com.takeover.schema.TakeoverAlert;
import com.takeover.schema.TakeoverTrigger;
import com.takeover.simulate.SimulatorRunner;
import com.takeover.simulate.TestBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulator and the supervisors' view against a real broker on loopback. */
class SimulatorKafkaTest {
    private static TestBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = TestBroker.start();
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void simulateCommandSendsExactlyWhatTheDryRunPrintsKeyedByConversation(@TempDir Path dir) throws Exception {
        broker.createTopics(3, "events-json");
        Path lake = dir.resolve("lake");
        CliRun run = CliRun.of("simulate", "--bootstrap-servers", broker.bootstrapServers(), "--topic", "events-json",
                "--format", "json", "--conversations", "40", "--seed", "11", "--supervisors", "none", "--lake", lake.toString(),
                "--rate", "2000");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("simulate: done: 40 conversations");

        // without alert-driven takeovers the stream is fully determined by the seed: the dry run shows it
        CliRun dry = CliRun.of("simulate", "--dry-run", "--conversations", "40", "--seed", "11", "--supervisors", "none");
        List<ConversationEvent> expected = SimulateCommandTest.decode(dry.out().lines().toList());

        List<ConsumerRecord<String, byte[]>> records = consumeAll("events-json", expected.size());
        assertThat(records).hasSize(expected.size());
        JsonCodec<ConversationEvent> codec = JsonCodec.of(ConversationEvent.class);
        Map<String, List<ConversationEvent>> got = new LinkedHashMap<>();
        Map<String, Integer> partitionOf = new HashMap<>();
        for (ConsumerRecord<String, byte[]> r : records) {
            ConversationEvent e = codec.decode(r.value());
            assertThat(r.key()).isEqualTo(e.getConversationId());
            assertThat(partitionOf.computeIfAbsent(r.key(), k -> r.partition())).isEqualTo(r.partition());
            got.computeIfAbsent(e.getConversationId(), k -> new ArrayList<>()).add(e);
        }
        Map<String, List<ConversationEvent>> want = new LinkedHashMap<>();
        expected.forEach(e -> want.computeIfAbsent(e.getConversationId(), k -> new ArrayList<>()).add(e));
        assertThat(got).isEqualTo(want);
        assertThat(Files.list(lake.resolve("outcomes")).count()).isGreaterThan(0);
    }

    @Test
    void supervisorsTakeOverAlertedConversationsInTheClosedLoop() throws Exception {
        broker.createTopics(2, "loop-events", "loop-alerts");
        // a stand-in for the Flink job: one CRITICAL alert per conversation after its second customer message
        Set<String> alertIds = ConcurrentHashMap.newKeySet();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread job = new Thread(() -> standInJob(running, alertIds), "stand-in-job");
        job.start();
        SimulatorRunner.Stats stats;
        try (SimulatorRunner sim = new SimulatorRunner(SimulatorRunner.Config.builder()
                .bootstrapServers(broker.bootstrapServers())
                .eventsTopic("loop-events")
                .alertsTopic("loop-alerts")
                .seed(5)
                .conversations(30)
                .conversationsPerHour(720)
                .dayIn(Duration.ofMinutes(20)) // 72x: a second of alert latency is 72 simulated seconds
                .duration(Duration.ofSeconds(8)) // then the long (e-mail) conversations finish unpaced
                .build())) {
            sim.start();
            assertThat(sim.awaitCompletion(Duration.ofMinutes(2))).isTrue();
            sim.close();
            stats = sim.stats();
        } finally {
            running.set(false);
            job.join();
        }
        assertThat(stats.finished()).isTrue();
        assertThat(stats.conversationsStarted()).isEqualTo(30);
        assertThat(stats.conversationsEnded()).isEqualTo(30);
        assertThat(stats.eventsDelivered()).isEqualTo(stats.eventsSent());
        assertThat(stats.alertsReceived()).isGreaterThanOrEqualTo(10);

        Codec<ConversationEvent> codec = WireFormat.AVRO.codec(ConversationEvent.class);
        List<ConversationEvent> events = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : consumeAll("loop-events", (int) stats.eventsSent())) {
            events.add(codec.decode(r.value()));
        }
        assertThat(events).hasSize((int) stats.eventsSent());
        List<Takeover> onAlerts = events.stream().map(ConversationEvent::getPayload).filter(p -> p instanceof Takeover)
                .map(p -> (Takeover) p).filter(t -> t.getTrigger() == TakeoverTrigger.ALERT).toList();
        assertThat(onAlerts).hasSizeGreaterThanOrEqualTo(5);
        assertThat(onAlerts).allMatch(t -> alertIds.contains(t.getAlertId()));
        assertThat(stats.takeoversFromAlerts()).isEqualTo(onAlerts.size());
        assertThat(events.stream().filter(e -> e.getPayload() instanceof ConversationStarted)).hasSize(30);
    }

    @Test
    void alertsCommandPrintsOneReadableLinePerMatchingAlertAndSkipsUndecodableRecords() throws Exception {
        broker.createTopics(1, "alerts-view");
        Codec<TakeoverAlert> codec = WireFormat.AVRO.codec(TakeoverAlert.class);
        try (KafkaProducer<String, byte[]> producer = producer()) {
            producer.send(new ProducerRecord<>("alerts-view", "c-x", "not an alert".getBytes())).get();
            producer.send(new ProducerRecord<>("alerts-view", "c-low", codec.encode(alert("c-low", Severity.LOW, "standard", "order_status")))).get();
            producer.send(new ProducerRecord<>("alerts-view", "c1a2b3c4d-000042",
                    codec.encode(alert("c1a2b3c4d-000042", Severity.HIGH, "vip", "billing_dispute")))).get();
            producer.send(new ProducerRecord<>("alerts-view", "c-crit", codec.encode(alert("c-crit", Severity.CRITICAL, "enterprise", "legal")))).get();
        }
        CliRun run = CliRun.of("alerts", "--bootstrap-servers", broker.bootstrapServers(), "--alerts-topic", "alerts-view",
                "--from-beginning", "--severity", "HIGH", "--segment", "vip", "--max", "1", "--zone", "UTC", "--timeout", "60s");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("11-20 09:14:03  HIGH      c1a2b3c4d-000042      vip         billing_dispute    risk 0.82  "
                + "sentiment_avg=-0.62 (< -0.40); human_requested  | customer: This is ridiculous, I was charged twice and nobody "
                + "helps me. Get me a…" + System.lineSeparator());
        assertThat(run.err()).contains("alerts: alerts-view-0@0: cannot decode");

        CliRun all = CliRun.of("alerts", "--bootstrap-servers", broker.bootstrapServers(), "--alerts-topic", "alerts-view",
                "--from-beginning", "--json", "--max", "3", "--timeout", "60s");
        assertThat(all.exitCode()).isZero();
        List<String> lines = all.out().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(JsonCodec.of(TakeoverAlert.class).decode(lines.get(2)).getConversationId()).isEqualTo("c-crit");

        CliRun legal = CliRun.of("alerts", "--bootstrap-servers", broker.bootstrapServers(), "--alerts-topic", "alerts-view",
                "--from-beginning", "--topic", "legal,refund", "--timeout", "3s", "--zone", "UTC");
        assertThat(legal.exitCode()).isZero();
        assertThat(legal.out().lines().toList()).hasSize(1).allMatch(l -> l.contains("c-crit") && l.contains("CRITICAL"));
    }

    @Test
    void alertsCommandShowsCommittedAlertsUnlessAskedForUncommittedOnes() throws Exception {
        broker.createTopics(1, "alerts-tx");
        Codec<TakeoverAlert> codec = WireFormat.AVRO.codec(TakeoverAlert.class);
        Properties p = KafkaClients.clientProperties(broker.bootstrapServers());
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "alerts-tx-test");
        // as an exactly-once job writes: one checkpoint's alerts committed, the next one's transaction still open
        try (KafkaProducer<String, byte[]> job = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            job.initTransactions();
            job.beginTransaction();
            job.send(new ProducerRecord<>("alerts-tx", "c-done", codec.encode(alert("c-done", Severity.HIGH, "vip", "refund"))));
            job.commitTransaction();
            job.beginTransaction();
            job.send(new ProducerRecord<>("alerts-tx", "c-open", codec.encode(alert("c-open", Severity.HIGH, "vip", "refund"))));
            job.flush();

            CliRun committed = CliRun.of("alerts", "--bootstrap-servers", broker.bootstrapServers(), "--alerts-topic",
                    "alerts-tx", "--from-beginning", "--json", "--timeout", "3s");
            assertThat(committed.exitCode()).as(committed.err()).isZero();
            assertThat(conversationIds(committed.out())).containsExactly("c-done");

            CliRun uncommitted = CliRun.of("alerts", "--bootstrap-servers", broker.bootstrapServers(), "--alerts-topic",
                    "alerts-tx", "--from-beginning", "--json", "--max", "2", "--timeout", "60s", "--read-uncommitted");
            assertThat(uncommitted.exitCode()).as(uncommitted.err()).isZero();
            assertThat(conversationIds(uncommitted.out())).containsExactly("c-done", "c-open");
            job.abortTransaction();
        }
    }

    private static List<String> conversationIds(String jsonLines) throws Exception {
        List<String> ids = new ArrayList<>();
        for (String line : jsonLines.lines().toList()) {
            ids.add(JsonCodec.of(TakeoverAlert.class).decode(line).getConversationId());
        }
        return ids;
    }

    @Test
    void alertsCommandRequiresABroker() {
        CliRun run = CliRun.of("alerts");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(CliRun.of("alerts", "--help").exitCode()).isZero();
        assertThat(CliRun.of("alerts", "--bootstrap-servers", "x:1", "--severity", "URGENT").exitCode()).isEqualTo(2);
    }

    private static TakeoverAlert alert(String conversation, Severity severity, String segment, String topic) {
        return TakeoverAlert.newBuilder()
                .setAlertId("alert-" + conversation)
                .setConversationId(conversation)
                .setRuleId("sentiment-drop")
                .setRuleVersion(2)
                .setSeverity(severity)
                .setAlertTime(Instant.parse("2026-11-20T09:14:03Z").toEpochMilli())
                .setRisk(0.82)
                .setReasons(List.of(
                        AlertReason.newBuilder().setSignal("sentiment_avg").setOperator("<").setValue(-0.62).setThreshold(-0.4)
                                .setDescription("sentiment average -0.62 below -0.40").build(),
                        AlertReason.newBuilder().setSignal("human_requested").setOperator("==").setValue(1).setThreshold(1)
                                .setDescription("the customer asked for a human").build()))
                .setSegment(segment)
                .setTopic(topic)
                .setChannel("web")
                .setPreview(List.of(
                        PreviewMessage.newBuilder().setSpeaker(Speaker.AI).setTime(1L).setText("Could you tell me more?").build(),
                        PreviewMessage.newBuilder().setSpeaker(Speaker.CUSTOMER).setTime(2L)
                                .setText("This is ridiculous,   I was charged twice and nobody helps me. Get me a human now, please!").build()))
                .build();
    }

    private static void standInJob(AtomicBoolean running, Set<String> alertIds) {
        Codec<ConversationEvent> events = WireFormat.AVRO.codec(ConversationEvent.class);
        Codec<TakeoverAlert> alerts = WireFormat.AVRO.codec(TakeoverAlert.class);
        Map<String, Integer> customerMessages = new HashMap<>();
        Map<String, String> segment = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer(); KafkaProducer<String, byte[]> producer = producer()) {
            List<TopicPartition> tps = List.of(new TopicPartition("loop-events", 0), new TopicPartition("loop-events", 1));
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            while (running.get()) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(20))) {
                    ConversationEvent e = events.decode(r.value());
                    if (e.getPayload() instanceof ConversationStarted s) {
                        segment.put(e.getConversationId(), s.getSegment());
                    }
                    if (e.getPayload() instanceof CustomerMessage && customerMessages.merge(e.getConversationId(), 1, Integer::sum) == 2) {
                        TakeoverAlert a = TakeoverAlert.newBuilder().setAlertId("loop-" + e.getEventId()).setConversationId(e.getConversationId())
                                .setRuleId("test").setRuleVersion(1).setSeverity(Severity.CRITICAL).setAlertTime(e.getEventTime())
                                .setTriggerEventId(e.getEventId()).setRisk(1.0).setReasons(List.of()).setSegment("vip")
                                .setPreview(List.of()).build();
                        alertIds.add(a.getAlertId());
                        producer.send(new ProducerRecord<>("loop-alerts", a.getConversationId(), alerts.encode(a)));
                        producer.flush();
                    }
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<ConsumerRecord<String, byte[]>> consumeAll(String topic, int expected) {
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<TopicPartition> tps = consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            int idlePolls = 0;
            while (System.nanoTime() < until && (out.size() < expected || idlePolls < 3)) {
                var batch = consumer.poll(Duration.ofMillis(300));
                batch.forEach(out::add);
                idlePolls = batch.isEmpty() ? idlePolls + 1 : 0;
            }
        }
        return out;
    }

    private static KafkaConsumer<String, byte[]> consumer() {
        Properties p = KafkaClients.clientProperties(broker.bootstrapServers());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(KafkaClients.clientProperties(broker.bootstrapServers()), new StringSerializer(),
                new ByteArraySerializer());
    }
}
