package com.takeover.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.takeover.codec.Codec;
import com.takeover.codec.WireFormat;
import com.takeover.kafka.EmbeddedKafka;
import com.takeover.kafka.TopicNames;
import com.takeover.rules.AlertFactory;
import com.takeover.schema.ConversationEvent;
import com.takeover.schema.ConversationSummary;
import com.takeover.schema.EndedBy;
import com.takeover.schema.TakeoverAlert;
import com.takeover.testing.Events;
import com.takeover.testing.LakeFiles;
import com.takeover.testing.TestKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job as the one-machine demo runs it: its own local Flink cluster, a clean stop that commits the lake. */
class LocalJobTest {

    @Test
    void aLocalJobAsTheDemoRunsItStopsWithASavepointThatCommitsTheLake(@TempDir Path dir) throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(); TestKafka clients = new TestKafka(kafka)) {
            TopicNames t = TopicNames.defaults();
            JobConfig cfg = localJob(kafka, t, dir)
                    .lakePath(dir.resolve("lake").toString())
                    .checkpointInterval(Duration.ofMinutes(10))
                    .build();
            Codec<ConversationEvent> events = WireFormat.AVRO.codec(ConversationEvent.class);

            LocalJob job = LocalJob.start(TakeoverJob.from(cfg).scorer(Events.scriptedScorer()),
                    LocalJob.Options.defaults().withSavepointDir(dir.resolve("savepoints")).withJobName("demo-like"));
            try {
                job.awaitRunning(Duration.ofSeconds(60));
                Events.Conversation c = Events.conversation("c-local");
                ConversationEvent start = c.started("standard");
                ConversationEvent bad = c.after(10).customer("awful [s=-0.9]");
                for (ConversationEvent e : List.of(start, bad, c.after(5).ai("sorry", 0.9),
                        c.after(5).ended(EndedBy.CUSTOMER))) {
                    clients.send(t.conversationEvents(), null, e.getConversationId(), events.encode(e));
                }
                var alerts = clients.readAtLeast(t.takeoverAlerts(), 1, false);
                assertThat(WireFormat.AVRO.codec(TakeoverAlert.class).decode(alerts.get(0).value()).getAlertId())
                        .isEqualTo(AlertFactory.alertId("c-local", "angry", 1, "event:" + bad.getEventId()));
                // no checkpoint has completed yet (10 minute interval): nothing is committed before the stop
                assertThat(LakeFiles.committedFiles(dir.resolve("lake").resolve("conversations"))).isEmpty();
            } finally {
                assertThat(job.stop()).isNotNull();
            }
            assertThat(job.stop()).isNotNull(); // idempotent
            assertThat(LakeFiles.read(dir.resolve("lake").resolve("conversations"), ConversationSummary.class)
                    .get("dt=2026-03-02")).extracting(ConversationSummary::getConversationId)
                    .containsExactly("c-local");
        }
    }

    @Test
    void aLocalJobWhoseStateOutgrowsTheJobManagersMemoryKeepsCheckpointingWithoutARestart(@TempDir Path dir)
            throws Exception {
        // Flink's default checkpoint storage, the job manager's memory, refuses a subtask's state over 5 MB: the
        // job then fails every checkpoint and restarts from the last good one, and at-least-once replays
        // events since then, so their alerts are duplicated.
        int conversations = 30_000;
        try (EmbeddedKafka kafka = EmbeddedKafka.start(); TestKafka clients = new TestKafka(kafka)) {
            TopicNames t = TopicNames.defaults();
            JobConfig cfg = localJob(kafka, t, dir)
                    .lakePath("")
                    .parallelism(1)
                    .checkpointInterval(Duration.ofMillis(300))
                    .build();
            Codec<ConversationEvent> codec = WireFormat.AVRO.codec(ConversationEvent.class);
            List<ProducerRecord<byte[], byte[]>> events = new ArrayList<>();
            for (int i = 0; i < conversations; i++) {
                Events.Conversation c = Events.conversation("c-" + i);
                for (ConversationEvent e : List.of(c.started("standard"), c.after(10).customer("awful [s=-0.9]"))) {
                    events.add(new ProducerRecord<>(t.conversationEvents(), TestKafka.utf8(c.id()), codec.encode(e)));
                }
            }

            LocalJob job = LocalJob.start(TakeoverJob.from(cfg).scorer(Events.scriptedScorer()),
                    LocalJob.Options.defaults().withSavepointDir(dir.resolve("savepoints")).withJobName("big-state"));
            String savepoint;
            try {
                job.awaitRunning(Duration.ofSeconds(60));
                clients.sendAll(t.conversationEvents(), events);
                clients.readAtLeast(t.takeoverAlerts(), conversations, false);
                Thread.sleep(3_000); // checkpoints of the whole state, every 300 ms
                assertThat(clients.readAll(t.takeoverAlerts(), false))
                        .as("one alert per conversation: no restart replayed events")
                        .hasSize(conversations);
            } finally {
                savepoint = job.stop();
            }
            // the state really was over the job manager's 5 MB
            assertThat(LocalJob.sizeOf(savepoint)).isGreaterThan(5L * 1024 * 1024);
        }
    }

    /** The topics created on one partition, the test rules in a file, the broker: what both tests share. */
    private static JobConfig.Builder localJob(EmbeddedKafka kafka, TopicNames t, Path dir) throws Exception {
        kafka.createTopics(t, 1);
        Path rules = dir.resolve("rules.yaml");
        Files.writeString(rules, ConversationScoringFunctionTest.RULES);
        return JobConfig.builder()
                .bootstrapServers(kafka.bootstrapServers())
                .topics(t)
                .rulesFile(rules.toString());
    }
}
