package com.takeover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.takeover.job.JobConfig;
import com.takeover.job.LocalJob;
import com.takeover.job.TakeoverJob;
import com.takeover.kafka.EmbeddedKafka;
import com.takeover.kafka.TopicNames;
import com.takeover.rules.RulesLoader;
import com.takeover.testing.Events;
import com.takeover.testing.TestKafka;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rules owner's command against a real broker, and against a running job that refuses an update. */
class RulesCommandTest {
    static final String RULES = """
            rules:
              - id: angry
                version: 3
                severity: HIGH
                conditions: [sentiment_last <= -0.5]
                cooldown: 5m
              - id: human
                version: 1
                severity: CRITICAL
                conditions: [human_requested == true]
            """;

    static Path write(Path dir, String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    static String value(ConsumerRecord<byte[], byte[]> r) {
        return r.value() == null ? null : new String(r.value(), StandardCharsets.UTF_8);
    }

    @Test
    void checkNamesEveryProblemWithoutKafka(@TempDir Path dir) throws Exception {
        CliRun ok = CliRun.of("rules", "check", write(dir, "ok.yaml", RULES).toString());
        assertThat(ok.exitCode()).isZero();
        assertThat(ok.out()).contains("angry", "v3", "sentiment_last <= -0.5", "2 valid rule(s)");

        Path bad = write(dir, "bad.yaml", RULES.replace("sentiment_last", "sentiment_lst").replace("version: 1", "version: 0"));
        CliRun invalid = CliRun.of("rules", "check", bad.toString());
        assertThat(invalid.exitCode()).isEqualTo(1);
        assertThat(invalid.err()).contains("unknown signal 'sentiment_lst'", "field version: must be >= 1",
                "2 problem(s) in the rules");
    }

    @Test
    void publishListAndDeleteOnTheTopic(@TempDir Path dir) throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(); TestKafka clients = new TestKafka(kafka)) {
            TopicNames t = TopicNames.defaults();
            kafka.createTopics(t, 1);
            String servers = kafka.bootstrapServers();
            Path file = write(dir, "rules.yaml", RULES);

            // step 1: every rule keyed by its id, the value the rule's JSON
            CliRun first = CliRun.of("rules", "publish", file.toString(), "--bootstrap-servers", servers, "--no-wait");
            assertThat(first.exitCode()).as(first.err()).isZero();
            assertThat(first.out()).contains("angry v3: new", "human v1: new", "published 2 rule(s) to alert-rules");
            List<ConsumerRecord<byte[], byte[]>> records = clients.readAll(t.alertRules(), false);
            assertThat(records).extracting(r -> new String(r.key(), StandardCharsets.UTF_8)).containsExactly("angry", "human");
            assertThat(RulesLoader.parseRule(value(records.get(0))).getVersion()).isEqualTo(3);

            // step 2: the same file again sends nothing
            CliRun again = CliRun.of("rules", "publish", file.toString(), "--bootstrap-servers", servers, "--no-wait");
            assertThat(again.exitCode()).isZero();
            assertThat(again.out()).contains("angry v3: unchanged", "nothing to publish");
            assertThat(clients.readAll(t.alertRules(), false)).hasSize(2);

            // step 3: a changed threshold without a higher version is stopped before anything is sent
            Path changed = write(dir, "changed.yaml", RULES.replace("-0.5", "-0.3"));
            CliRun refused = CliRun.of("rules", "publish", changed.toString(), "--bootstrap-servers", servers, "--no-wait");
            assertThat(refused.exitCode()).isEqualTo(1);
            assertThat(refused.out()).contains("angry v3: differs from the published v3", "raise its version above 3");
            assertThat(refused.err()).contains("nothing published");
            assertThat(clients.readAll(t.alertRules(), false)).hasSize(2);

            // step 4: delete one, list what the job overlays on its rules file
            CliRun delete = CliRun.of("rules", "delete", "human", "--bootstrap-servers", servers);
            assertThat(delete.exitCode()).isZero();
            assertThat(value(clients.readAll(t.alertRules(), false).get(2))).as("a tombstone").isNull();
            CliRun list = CliRun.of("rules", "list", "--bootstrap-servers", servers);
            assertThat(list.exitCode()).isZero();
            assertThat(list.out().lines().toList()).hasSize(2)
                    .anySatisfy(l -> assertThat(l).startsWith("angry").contains("v3", "HIGH", "sentiment_last <= -0.5"))
                    .anySatisfy(l -> assertThat(l).startsWith("human").endsWith("deleted"));
        }
    }

    @Test
    void anUpdateTheRunningJobRefusesIsReported(@TempDir Path dir) throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            TopicNames t = TopicNames.defaults();
            kafka.createTopics(t, 1);
            // the job started with angry v3 in its rules file
            JobConfig cfg = JobConfig.builder().bootstrapServers(kafka.bootstrapServers()).topics(t)
                    .rulesFile(write(dir, "job-rules.yaml", RULES).toString()).lakePath("").build();
            LocalJob job = LocalJob.start(TakeoverJob.from(cfg).scorer(Events.scriptedScorer()),
                    LocalJob.Options.defaults().withSavepointDir(dir.resolve("savepoints")));
            try {
                job.awaitRunning(Duration.ofSeconds(60));
                // a rules owner publishes an older angry (v2): the topic has none, the job has v3 in force
                Path older = write(dir, "older.yaml", RULES.replace("version: 3", "version: 2").replace("-0.5", "-0.6"));
                CliRun run = CliRun.of("rules", "publish", older.toString(), "--bootstrap-servers",
                        kafka.bootstrapServers(), "--wait", "15s");
                assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
                assertThat(run.out()).contains("angry v2: new", "published 2 rule(s)");
                assertThat(run.err()).contains("refused by the job: angry:", "field version: 2 is lower than version 3 in force",
                        "1 update(s) refused by the job");
            } finally {
                job.stop();
            }
        }
    }
}
