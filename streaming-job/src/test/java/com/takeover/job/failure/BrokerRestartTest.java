package com.takeover.job.failure;

import static org.assertj.core.api.Assertions.assertThat;

import com.takeover.codec.WireFormat;
import com.takeover.job.JobConfig;
import com.takeover.job.TakeoverJob;
import com.takeover.job.failure.Pipeline.Keyed;
import com.takeover.kafka.TopicNames;
import com.takeover.schema.ConversationEvent;
import com.takeover.schema.TakeoverAlert;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker goes down for a few seconds in the middle of a live run, with the job reading, writing alerts and
 * checkpointing and a producer still sending the rest of the traffic, then comes back on the same port with its
 * data. The job must ride it out (reconnecting, or restarting from its last checkpoint) and end with exactly the
 * alerts of an undisturbed run: none lost; with exactly-once none twice.
 */
class BrokerRestartTest {
    static final int CONVERSATIONS = 500;
    static final long DELAY_MICROS = 1_000;
    static final Duration DOWN = Duration.ofSeconds(4);
    static final Duration PATIENCE = Duration.ofMinutes(2);

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2)
                    .build());

    @TempDir
    static Path dir;
    static RestartableKafka kafka;
    static List<Keyed> records;
    static Map<String, TakeoverAlert> reference;

    @BeforeAll
    static void undisturbedRun() throws Exception {
        kafka = RestartableKafka.start(dir.resolve("broker"));
        List<ConversationEvent> events = Pipeline.simulated(31, CONVERSATIONS);
        records = new ArrayList<>(Pipeline.encode(events, WireFormat.AVRO));
        records.addAll(Pipeline.sentinels(events, 2, WireFormat.AVRO));

        // Every test's topics now: a restarted in-process broker does not take up partitions created after it
        for (String prefix : new String[] {"alo-", "eo-"}) {
            kafka.createTopics(Pipeline.topics(prefix), 2);
        }
        TopicNames t = Pipeline.topics("reference-");
        kafka.createTopics(t, 2);
        Pipeline.produce(kafka.bootstrapServers(), t.conversationEvents(), records);
        FaultySentiment.reset(0);
        StreamExecutionEnvironment env = Pipeline.environment(2, 0, null);
        TakeoverJob.from(config(t, "reference", JobConfig.Delivery.AT_LEAST_ONCE)).bounded(true)
                .scorer(FaultySentiment.scorer()).build(env);
        Pipeline.execute(env, "reference", PATIENCE);
        List<TakeoverAlert> alerts = alerts(t, false);
        reference = Pipeline.byId(alerts);
        assertThat(alerts).hasSize(reference.size());
        assertThat(reference).hasSizeGreaterThan(100);
    }

    @AfterAll
    static void stop() throws Exception {
        if (kafka != null) {
            kafka.close();
        }
    }

    static JobConfig config(TopicNames t, String name, JobConfig.Delivery delivery) {
        return Pipeline.config(kafka.bootstrapServers(), t, "restart-" + name)
                .delivery(delivery)
                .idleness(Duration.ofMinutes(5))
                // clients give up on the broker long after it is back
                .kafkaProperty("reconnect.backoff.max.ms", "500")
                .build();
    }

    /** The run's alerts, the sentinels' left out (a replay's end of input fires their timers, a live job's not). */
    static List<TakeoverAlert> alerts(TopicNames t, boolean readCommitted) throws Exception {
        return Pipeline.decode(Pipeline.readAll(kafka.bootstrapServers(), t.takeoverAlerts(), readCommitted),
                WireFormat.AVRO).stream().filter(a -> !Pipeline.isSentinel(a.getConversationId())).toList();
    }

    @Test
    void atLeastOnceLosesNoAlertWhenTheBrokerRestartsMidRun() throws Exception {
        List<TakeoverAlert> all = runThroughBrokerRestart("alo", JobConfig.Delivery.AT_LEAST_ONCE, false);
        assertThat(all).hasSizeGreaterThanOrEqualTo(reference.size());
        Pipeline.assertSameAlerts(Pipeline.byId(all), reference);
    }

    @Test
    void exactlyOnceLosesAndRepeatsNoAlertWhenTheBrokerRestartsMidRun() throws Exception {
        List<TakeoverAlert> committed = runThroughBrokerRestart("eo", JobConfig.Delivery.EXACTLY_ONCE, true);
        assertThat(committed).as("no duplicate").hasSize(reference.size());
        Pipeline.assertSameAlerts(Pipeline.byId(committed), reference);
    }

    /**
     * Produces the first 40% of the traffic, starts the live job, sends the rest from another thread, stops the
     * broker once a fifth of the alerts is out and starts it again after {@link #DOWN}. Returns the alerts once
     * the distinct ones reached the reference's number and a few checkpoints more went by.
     */
    private List<TakeoverAlert> runThroughBrokerRestart(String name, JobConfig.Delivery delivery,
            boolean readCommitted) throws Exception {
        TopicNames t = Pipeline.topics(name + "-");
        int head = records.size() * 2 / 5;
        Pipeline.produce(kafka.bootstrapServers(), t.conversationEvents(), records.subList(0, head));

        FaultySentiment.reset(DELAY_MICROS);
        StreamExecutionEnvironment env = Pipeline.environment(2, 30, null);
        TakeoverJob.from(config(t, name, delivery)).scorer(FaultySentiment.scorer()).build(env);
        JobClient job = env.executeAsync("broker-restart " + name);
        CompletableFuture<Void> rest = CompletableFuture.runAsync(() -> sendPaced(t.conversationEvents(),
                records.subList(head, records.size())));
        try {
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (alerts(t, readCommitted).size() < reference.size() / 5) {
                assertThat(System.nanoTime()).as("first alerts in time").isLessThan(deadline);
                Thread.sleep(100);
            }
            long scoredBefore = FaultySentiment.calls();
            kafka.stopBroker();
            Thread.sleep(DOWN.toMillis());
            kafka.startBroker();
            rest.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);

            while (Pipeline.byId(alerts(t, readCommitted)).size() < reference.size()) {
                assertThat(System.nanoTime()).as("all alerts in time").isLessThan(deadline);
                Thread.sleep(250);
            }
            Thread.sleep(2_000);
            List<TakeoverAlert> out = alerts(t, readCommitted);
            System.err.printf("broker restart %s: broker stopped after %d customer messages scored; %d scored in all;"
                    + " %d alerts, %d distinct%n", name, scoredBefore, FaultySentiment.calls(), out.size(),
                    reference.size());
            return out;
        } finally {
            job.cancel().get(1, TimeUnit.MINUTES);
        }
    }

    /** Sends the records at about 1,000 a second with a producer that retries through the outage. */
    private static void sendPaced(String topic, List<Keyed> rest) {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = Pipeline.producer(kafka.bootstrapServers(), 1024 * 1024)) {
            long start = System.nanoTime();
            for (int i = 0; i < rest.size(); i++) {
                Keyed r = rest.get(i);
                sent.add(producer.send(new ProducerRecord<>(topic, r.partition(), Pipeline.utf8(r.key()), r.value())));
                long due = start + i * 1_000_000L;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
            }
            producer.flush();
            for (Future<RecordMetadata> f : sent) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException("an event was not delivered: " + e.getCause(), e);
        }
    }
}
