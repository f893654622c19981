package com.takeover.job;

import static com.takeover.testing.Events.MINUTE;
import static com.takeover.testing.Events.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.takeover.codec.Codec;
import com.takeover.codec.JsonCodec;
import com.takeover.codec.WireFormat;
import com.takeover.kafka.EmbeddedKafka;
import com.takeover.kafka.TopicNames;
import com.takeover.rules.AlertFactory;
import com.takeover.schema.AlertReason;
import com.takeover.schema.ConversationEvent;
import com.takeover.schema.ConversationSummary;
import com.takeover.schema.EndedBy;
import com.takeover.schema.RuleRejection;
import com.takeover.schema.TakeoverAlert;
import com.takeover.schema.TakeoverRecord;
import com.takeover.schema.TakeoverTrigger;
import com.takeover.testing.Events;
import com.takeover.testing.LakeFiles;
import com.takeover.testing.TestKafka;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.Metric;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole graph on a Flink MiniCluster against a real Kafka broker on loopback: scripted
 * conversations in, exactly the expected alerts out, a rule changed through the topic mid-stream,
 * malformed records in the DLQ, and the lake read back with parquet-avro.
 */
class TakeoverJobIntegrationTest {

    static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .setConfiguration(METRICS.addToConfiguration(new Configuration()))
            .build());

    static EmbeddedKafka kafka;
    static TestKafka clients;

    @BeforeAll
    static void startKafka() {
        kafka = EmbeddedKafka.start();
        clients = new TestKafka(kafka);
    }

    @AfterAll
    static void stopKafka() {
        if (clients != null) {
            clients.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    static TopicNames topics(String prefix) {
        return new TopicNames(prefix + "conversation-events", prefix + "takeover-alerts",
                prefix + "conversation-events-dlq", prefix + "alert-rules", prefix + "rule-rejections");
    }

    static JobConfig.Builder config(TopicNames topics, Path dir) throws Exception {
        Path rules = dir.resolve("rules.yaml");
        Files.writeString(rules, ConversationScoringFunctionTest.RULES);
        return JobConfig.builder()
                .bootstrapServers(kafka.bootstrapServers())
                .topics(topics)
                .groupId("it-" + topics.conversationEvents())
                .rulesFile(rules.toString())
                .lakePath(dir.resolve("lake").toString())
                .checkpointInterval(Duration.ofSeconds(1))
                .outOfOrderness(Duration.ofSeconds(1))
                .idleness(Duration.ofSeconds(1))
                .endGrace(Duration.ofMinutes(1))
                .abandonTtl(Duration.ofMinutes(30));
    }

    static StreamExecutionEnvironment environment(int parallelism) {
        Configuration c = new Configuration();
        // Every type crossing the network or held in state has a Flink or Avro serializer, never Kryo.
        c.set(PipelineOptions.GENERIC_TYPES, false);
        c.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(c);
        env.setParallelism(parallelism);
        return env;
    }

    private void send(TopicNames t, Codec<ConversationEvent> codec, ConversationEvent... events) {
        for (ConversationEvent e : events) {
            clients.send(t.conversationEvents(), null, e.getConversationId(), codec.encode(e));
        }
    }

    private static <T> List<T> decode(List<ConsumerRecord<byte[], byte[]>> records, Codec<T> codec) throws Exception {
        List<T> out = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            out.add(codec.decode(r.value()));
        }
        return out;
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /** The job's metric {@code name}; in the key-value group {@code rule=<rule>} when a rule is given. */
    private static Metric metric(String jobId, String rule, String name) {
        List<Metric> found = new ArrayList<>();
        METRICS.getMetricsByGroup().forEach((group, metrics) -> {
            Map<String, String> vars = group.getAllVariables();
            if (jobId.equals(vars.get("<job_id>")) && java.util.Objects.equals(rule, vars.get("<rule>"))
                    && metrics.containsKey(name)) {
                found.add(metrics.get(name));
            }
        });
        assertThat(found).as("metric " + name + " (rule " + rule + ")").hasSize(1);
        return found.get(0);
    }

    private static long count(String jobId, String rule, String name) {
        return ((Counter) metric(jobId, rule, name)).getCount();
    }

    @Test
    void scriptedConversationsGiveExactlyTheExpectedAlertsDlqAndLake(@TempDir Path dir) throws Exception {
        TopicNames t = topics("a-");
        kafka.createTopics(t, 2);
        JobConfig cfg = config(t, dir).valueFormat(WireFormat.AVRO).build();
        Codec<ConversationEvent> events = WireFormat.AVRO.codec(ConversationEvent.class);
        Codec<TakeoverAlert> alertCodec = WireFormat.AVRO.codec(TakeoverAlert.class);

        StreamExecutionEnvironment env = environment(1);
        TakeoverJob.from(cfg).scorer(Events.scriptedScorer()).build(env);
        JobClient job = env.executeAsync("takeover-it-a");

        // Phase 1: an angry VIP who asks for a human and is taken over; a calm one; two bad records.
        Events.Conversation a = Events.conversation("c-a");
        ConversationEvent aStart = a.started("cust-a", "vip", 9000, "web");
        ConversationEvent angry = a.after(10).customer("this is useless [s=-0.7]");
        ConversationEvent sorry = a.after(5).ai("I am sorry", 0.8);
        ConversationEvent human = a.after(15).customer("let me talk to a person [human] [s=-0.4]");
        send(t, events, aStart, angry, sorry, human);
        Events.Conversation b = Events.conversation("c-b");
        send(t, events, b.started("standard"), b.after(10).customer("hi, where is my parcel [s=0.2]"),
                b.after(5).ai("it arrives tomorrow", 0.95), b.after(30).customer("great, thanks [s=0.7]"),
                b.after(5).ended(EndedBy.CUSTOMER));
        RecordMetadata garbage = clients.send(t.conversationEvents(), 1, "c-x", new byte[] {0x01, 0x02, 0x03});
        byte[] noConversation = events.encode(Events.customer("", "x-e1", T0, "orphan"));
        RecordMetadata orphan = clients.send(t.conversationEvents(), 0, null, noConversation);

        List<TakeoverAlert> first = decode(clients.readAtLeast(t.takeoverAlerts(), 2, false), alertCodec);
        assertThat(first).extracting(TakeoverAlert::getAlertId, TakeoverAlert::getRuleId).containsExactly(
                tuple(AlertFactory.alertId("c-a", "angry", 1, "event:" + angry.getEventId()), "angry"),
                tuple(AlertFactory.alertId("c-a", "human", 1, "event:" + human.getEventId()), "human"));
        assertThat(first.get(0).getReasons()).extracting(AlertReason::getSignal, AlertReason::getValue)
                .containsExactly(tuple("sentiment_last", -0.7));
        assertThat(first.get(1).getSegment()).isEqualTo("vip");
        String humanAlertId = first.get(1).getAlertId();
        send(t, events, a.after(40).takeover(TakeoverTrigger.ALERT, humanAlertId),
                a.after(10).agent("I am here to help"), a.after(60).ended(EndedBy.AGENT));

        List<ConsumerRecord<byte[], byte[]>> dlq = clients.readAtLeast(t.deadLetters(), 2, false);
        assertThat(dlq).hasSize(2);
        ConsumerRecord<byte[], byte[]> g = dlq.stream().filter(r -> "c-x".equals(
                r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8))).findFirst().orElseThrow();
        assertThat(g.value()).containsExactly(1, 2, 3);
        assertThat(header(g, DeadLetter.HEADER_TOPIC)).isEqualTo(t.conversationEvents());
        assertThat(header(g, DeadLetter.HEADER_PARTITION)).isEqualTo("1");
        assertThat(header(g, DeadLetter.HEADER_OFFSET)).isEqualTo(Long.toString(garbage.offset()));
        assertThat(header(g, DeadLetter.HEADER_REASON)).isNotBlank();
        ConsumerRecord<byte[], byte[]> o = dlq.stream().filter(r -> r.key() == null).findFirst().orElseThrow();
        assertThat(o.value()).isEqualTo(noConversation);
        assertThat(header(o, DeadLetter.HEADER_REASON)).isEqualTo("conversationId: must not be empty");
        assertThat(header(o, DeadLetter.HEADER_FIELD)).isEqualTo("conversationId");
        assertThat(header(o, DeadLetter.HEADER_OFFSET)).isEqualTo(Long.toString(orphan.offset()));

        // Phase 2: 'angry' v2 through the topic (threshold -0.5 -> -0.2), then an invalid update. The
        // rejection of the second proves the first was applied (one rules partition, parallelism 1).
        clients.send(t.alertRules(), null, "angry", TestKafka.utf8("""
                {"id":"angry","version":2,"severity":"MEDIUM","conditions":["sentiment_last <= -0.2"],"cooldown":"5m"}"""));
        clients.send(t.alertRules(), null, "broken", TestKafka.utf8("""
                {"id":"broken","version":1,"severity":"HIGH","conditions":["mood < 3"]}"""));
        List<RuleRejection> rejections = decode(clients.readAtLeast(t.ruleRejections(), 1, false),
                JsonCodec.of(RuleRejection.class));
        assertThat(rejections).singleElement().satisfies(r -> {
            assertThat(r.getRuleId()).isEqualTo("broken");
            assertThat(r.getReason()).contains("mood");
            assertThat(r.getSourceTopic()).isEqualTo(t.alertRules());
            assertThat(r.getSourceOffset()).isEqualTo(1L);
        });

        // A mildly unhappy customer: silent under v1, alerts under v2. A stalled one alerts on a timer
        // once later events move event time past its 3-minute mark.
        Events.Conversation c = Events.conversation("c-c", T0 + 10 * MINUTE);
        ConversationEvent cStart = c.started("standard");
        ConversationEvent meh = c.after(10).customer("not great [s=-0.3]");
        send(t, events, cStart, meh, c.after(5).ai("let me check", 0.9));
        Events.Conversation d = Events.conversation("c-d", T0 + 10 * MINUTE);
        ConversationEvent dStart = d.started("standard");
        ConversationEvent waiting = d.after(20).customer("hello? anyone? [s=0]");
        send(t, events, dStart, waiting);
        // Event time is the minimum over the partitions with recent data: calm conversations on both
        // partitions move it past c-d's 3-minute mark.
        for (int partition = 0; partition < 2; partition++) {
            Events.Conversation e = Events.conversation("c-e" + partition, T0 + 16 * MINUTE);
            for (ConversationEvent ev : List.of(e.started("standard"), e.after(10).customer("quick question [s=0.1]"),
                    e.after(5).ai("sure", 0.9))) {
                clients.send(t.conversationEvents(), partition, ev.getConversationId(), events.encode(ev));
            }
        }
        long stallAt = waiting.getEventTime() + 3 * MINUTE;

        List<TakeoverAlert> all = decode(clients.readAtLeast(t.takeoverAlerts(), 4, false), alertCodec);
        assertThat(all).filteredOn(x -> !x.getConversationId().equals("c-a"))
                .extracting(TakeoverAlert::getAlertId, TakeoverAlert::getRuleId, TakeoverAlert::getRuleVersion,
                        TakeoverAlert::getTriggerEventId, TakeoverAlert::getAlertTime)
                .containsExactlyInAnyOrder(
                        tuple(AlertFactory.alertId("c-c", "angry", 2, "event:" + meh.getEventId()), "angry", 2,
                                meh.getEventId(), meh.getEventTime()),
                        tuple(AlertFactory.alertId("c-d", "stalled", 1, "timer:" + stallAt), "stalled", 1, null,
                                stallAt));

        // Stop with a savepoint: the lake files of the last checkpoint interval are committed too.
        job.stopWithSavepoint(false, dir.resolve("savepoints").toUri().toString(), SavepointFormatType.CANONICAL)
                .get(2, TimeUnit.MINUTES);

        assertThat(decode(clients.readAll(t.takeoverAlerts(), false), alertCodec))
                .extracting(TakeoverAlert::getAlertId)
                .containsExactlyInAnyOrderElementsOf(all.stream().map(TakeoverAlert::getAlertId).toList());

        // Metrics as a reporter (Prometheus on a cluster) sees them: alerts per rule, DLQ records, latency.
        String jobId = job.getJobID().toString();
        assertThat(count(jobId, "angry", ConversationScoringFunction.METRIC_ALERTS)).isEqualTo(2);
        assertThat(count(jobId, "human", ConversationScoringFunction.METRIC_ALERTS)).isEqualTo(1);
        assertThat(count(jobId, "stalled", ConversationScoringFunction.METRIC_ALERTS)).isEqualTo(1);
        assertThat(count(jobId, null, ConversationScoringFunction.METRIC_ALERTS)).isEqualTo(4);
        assertThat(count(jobId, null, DeadLetterRouter.METRIC_DEAD_LETTERS)).isEqualTo(2);
        assertThat(count(jobId, null, ConversationScoringFunction.METRIC_CONVERSATIONS_ENDED)).isEqualTo(2);
        assertThat(count(jobId, null, ConversationScoringFunction.METRIC_RULE_REJECTIONS)).isEqualTo(1);
        // only alerts triggered by an event have a Kafka timestamp to measure from (not the stall timer's)
        Histogram latency = (Histogram) metric(jobId, null, ConversationScoringFunction.METRIC_ALERT_LATENCY);
        assertThat(latency.getCount()).isEqualTo(3);
        assertThat(latency.getStatistics().getMin()).isGreaterThanOrEqualTo(0);

        Path lake = dir.resolve("lake");
        Map<String, List<ConversationSummary>> conversations =
                LakeFiles.read(lake.resolve("conversations"), ConversationSummary.class);
        assertThat(conversations).containsOnlyKeys("dt=2026-03-02");
        assertThat(conversations.get("dt=2026-03-02"))
                .extracting(ConversationSummary::getConversationId, ConversationSummary::getAbandoned,
                        ConversationSummary::getTakenOver, ConversationSummary::getAlertCount,
                        ConversationSummary::getTakeoverAlertId)
                .containsExactlyInAnyOrder(
                        tuple("c-a", false, true, 2, humanAlertId),
                        tuple("c-b", false, false, 0, null));
        assertThat(conversations.get("dt=2026-03-02")).allSatisfy(s -> assertThat(s.getTranscript()).isNull());

        Map<String, List<TakeoverAlert>> alerts = LakeFiles.read(lake.resolve("alerts"), TakeoverAlert.class);
        assertThat(alerts.get("dt=2026-03-02")).extracting(TakeoverAlert::getAlertId)
                .containsExactlyInAnyOrderElementsOf(all.stream().map(TakeoverAlert::getAlertId).toList());
        assertThat(all).as("supervisors get the masked preview").allSatisfy(alert -> assertThat(alert.getPreview()).isNotEmpty());
        assertThat(alerts.get("dt=2026-03-02")).as("the lake keeps no message text by default")
                .allSatisfy(row -> assertThat(row.getPreview()).isEmpty());

        Map<String, List<TakeoverRecord>> takeovers = LakeFiles.read(lake.resolve("takeovers"), TakeoverRecord.class);
        assertThat(takeovers.get("dt=2026-03-02")).singleElement().satisfies(r -> {
            assertThat(r.getConversationId()).isEqualTo("c-a");
            assertThat(r.getAlertId()).isEqualTo(humanAlertId);
            assertThat(r.getAlertTime()).isEqualTo(human.getEventTime());
            assertThat(r.getSegment()).isEqualTo("vip");
        });
    }

    @Test
    void aBoundedReplayWithExactlyOnceAlertsClosesEveryConversationAndCommitsTheLake(@TempDir Path dir)
            throws Exception {
        TopicNames t = topics("b-");
        kafka.createTopics(t, 2);
        JobConfig cfg = config(t, dir)
                .valueFormat(WireFormat.JSON)
                .delivery(JobConfig.Delivery.EXACTLY_ONCE)
                .transactionalIdPrefix("it-b")
                .transactionTimeout(Duration.ofMinutes(1))
                .build();
        Codec<ConversationEvent> events = WireFormat.JSON.codec(ConversationEvent.class);

        // Written before the job starts; the job reads up to the end offsets it finds and finishes.
        Events.Conversation one = Events.conversation("c-1");
        ConversationEvent oneStart = one.started("cust-1", "vip", 2000, "app");
        ConversationEvent mail = one.after(10).customer("write to jane.doe@example.com, this is awful [s=-0.8]");
        ConversationEvent oneAnswer = one.after(5).ai("sorry", 0.7);
        ConversationEvent oneHuman = one.after(20).customer("a human please [human] [s=-0.2]");
        send(t, events, oneStart, mail, oneAnswer, oneHuman, one.after(5).agent("here"),
                one.after(30).ended(EndedBy.AGENT));
        // never ends: closed as abandoned when the replay reaches the end of time
        Events.Conversation two = Events.conversation("c-2");
        ConversationEvent twoStart = two.started("standard");
        ConversationEvent twoQuestion = two.after(10).customer("hi [s=0.1]");
        ConversationEvent twoLast = two.after(5).ai("hello, how can I help?", 0.9);
        send(t, events, twoStart, twoQuestion, twoLast);
        // crosses midnight UTC: its summary belongs to the day it ended
        Events.Conversation three = Events.conversation("c-3", java.time.Instant.parse("2026-03-02T23:59:30Z").toEpochMilli());
        ConversationEvent threeStart = three.started("standard");
        ConversationEvent threeQuestion = three.after(10).customer("thanks [s=0.5]");
        ConversationEvent threeAnswer = three.after(5).ai("bye", 0.9);
        ConversationEvent threeEnd = three.after(45).ended(EndedBy.CUSTOMER);
        send(t, events, threeStart, threeQuestion, threeAnswer, threeEnd);

        StreamExecutionEnvironment env = environment(2);
        TakeoverJob.from(cfg)
                .scorer(Events.scriptedScorer(com.takeover.scoring.ScoringConfig.defaults().withKeepTranscript(true)))
                .bounded(true)
                .build(env);
        env.executeAsync("takeover-it-b").getJobExecutionResult().get(3, TimeUnit.MINUTES);

        // read_committed: only alerts of committed transactions, each exactly once
        List<TakeoverAlert> alerts = decode(clients.readAll(t.takeoverAlerts(), true),
                JsonCodec.of(TakeoverAlert.class));
        assertThat(alerts).extracting(TakeoverAlert::getAlertId).containsExactly(
                AlertFactory.alertId("c-1", "angry", 1, "event:" + mail.getEventId()),
                AlertFactory.alertId("c-1", "human", 1, "event:" + oneHuman.getEventId()));
        assertThat(alerts.get(0).getPreview()).extracting(p -> p.getText())
                .containsExactly("write to [email], this is awful [s=-0.8]");

        Map<String, List<ConversationSummary>> lake =
                LakeFiles.read(dir.resolve("lake").resolve("conversations"), ConversationSummary.class);
        assertThat(lake).containsOnlyKeys("dt=2026-03-02", "dt=2026-03-03");
        assertThat(lake.get("dt=2026-03-02"))
                .extracting(ConversationSummary::getConversationId, ConversationSummary::getAbandoned,
                        ConversationSummary::getEndTime, ConversationSummary::getAlertCount)
                .containsExactlyInAnyOrder(
                        tuple("c-1", false, one.now(), 2),
                        tuple("c-2", true, twoLast.getEventTime(), 0));
        assertThat(lake.get("dt=2026-03-03")).extracting(ConversationSummary::getConversationId,
                ConversationSummary::getStartTime, ConversationSummary::getEndTime)
                .containsExactly(tuple("c-3", threeStart.getEventTime(), threeEnd.getEventTime()));
        ConversationSummary c1 = lake.get("dt=2026-03-02").stream()
                .filter(s -> s.getConversationId().equals("c-1")).findFirst().orElseThrow();
        assertThat(c1.getTranscript()).extracting(p -> p.getText()).first()
                .isEqualTo("write to [email], this is awful [s=-0.8]");
        assertThat(LakeFiles.read(dir.resolve("lake").resolve("alerts"), TakeoverAlert.class).get("dt=2026-03-02"))
                .as("with the masked text kept, the lake's alerts keep their preview")
                .hasSize(2)
                .extracting(a -> a.getPreview().get(0).getText())
                .containsOnly("write to [email], this is awful [s=-0.8]");
    }
}
