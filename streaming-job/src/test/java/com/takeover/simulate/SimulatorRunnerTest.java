package com.takeover.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.takeover.codec.JsonCodec;
import com.takeover.schema.ConversationEnded;
import com.takeover.schema.ConversationEvent;
import com.takeover.schema.ConversationStarted;
import com.takeover.schema.ResolutionOutcome;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner without Kafka (JSON lines sink): pacing, stopping, stats, periodic outcome files. */
class SimulatorRunnerTest {

    @Test
    void aTimedRunStopsOpeningConversationsAndFinishesTheOpenOnes(@TempDir Path lake) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SimulatorRunner.Stats stats;
        try (SimulatorRunner sim = new SimulatorRunner(SimulatorRunner.Config.builder()
                .sink(EventSink.jsonLines(out, false))
                .seed(21)
                .conversationsPerHour(600)
                .dayIn(Duration.ofMinutes(2)) // 720x: a simulated hour in 5 s
                .duration(Duration.ofMillis(1500))
                .lake(lake)
                .outcomeFlushInterval(Duration.ofMillis(300))
                .build())) {
            sim.start();
            assertThat(sim.awaitCompletion(Duration.ofSeconds(60))).isTrue();
            sim.close();
            stats = sim.stats();
        }
        List<ConversationEvent> events = decode(out);
        assertThat(stats.finished()).isTrue();
        assertThat(stats.eventsSent()).isEqualTo(events.size()).isEqualTo(stats.eventsDelivered());
        long started = events.stream().filter(e -> e.getPayload() instanceof ConversationStarted).count();
        long ended = events.stream().filter(e -> e.getPayload() instanceof ConversationEnded).count();
        assertThat(stats.conversationsStarted()).isEqualTo(started).isGreaterThan(5);
        assertThat(stats.conversationsEnded()).isEqualTo(started);
        assertThat(ended).isGreaterThanOrEqualTo(started * 97 / 100); // 1% abandoned send no end event
        // 1.5 s at 720x is 18 simulated minutes of arrivals; the stragglers run past it unpaced
        long lastStart = events.stream().filter(e -> e.getPayload() instanceof ConversationStarted)
                .mapToLong(ConversationEvent::getEventTime).max().orElseThrow();
        assertThat(lastStart - SimulationConfig.DEFAULT_START.toEpochMilli()).isLessThan(Duration.ofMinutes(40).toMillis());
        assertThat(stats.simulatedTime().toEpochMilli()).isEqualTo(events.get(events.size() - 1).getEventTime());

        // outcomes written in several batches (files), one row per finished conversation plus restatements
        List<Path> files;
        try (Stream<Path> all = Files.walk(lake.resolve("outcomes"))) {
            files = all.filter(p -> p.toString().endsWith(".parquet")).toList();
        }
        Set<String> batches = new HashSet<>();
        List<ResolutionOutcome> rows = new ArrayList<>();
        for (Path f : files) {
            batches.add(f.getFileName().toString());
            rows.addAll(OutcomeLakeWriterTest.read(f));
        }
        assertThat(batches.size()).isGreaterThan(1);
        assertThat(rows).hasSize((int) stats.outcomesWritten());
        assertThat(rows.stream().map(ResolutionOutcome::getConversationId).distinct().count()).isEqualTo(started);
    }

    @Test
    void aRatePacedRunKeepsToItsRateAndStopEndsItEarly() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (SimulatorRunner sim = new SimulatorRunner(SimulatorRunner.Config.builder()
                .sink(EventSink.jsonLines(out, false)).seed(2).eventsPerSecond(200).duration(Duration.ofHours(1)).build())) {
            long t0 = System.nanoTime();
            sim.start();
            Thread.sleep(1000);
            long sent = sim.stats().eventsSent();
            double elapsed = (System.nanoTime() - t0) / 1e9;
            sim.stop();
            assertThat(sim.awaitCompletion(Duration.ofSeconds(30))).isTrue();
            // the rate is a ceiling: never more than 200 events per elapsed second (no bursts)
            assertThat(sent).isPositive().isLessThanOrEqualTo((long) (200 * elapsed) + 1);
            List<ConversationEvent> events = decode(out);
            long started = events.stream().filter(e -> e.getPayload() instanceof ConversationStarted).count();
            assertThat(sim.stats().conversationsEnded()).isEqualTo(started);
        }
    }

    @Test
    void configurationMistakesAreRefusedWithAReason() {
        assertThatThrownBy(() -> SimulatorRunner.Config.builder().sink(EventSink.jsonLines(new ByteArrayOutputStream(), false)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("duration or a number of conversations");
        assertThatThrownBy(() -> SimulatorRunner.Config.builder().conversations(5).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bootstrap servers or an event sink");
        assertThatThrownBy(() -> SimulatorRunner.Config.builder().sink(EventSink.jsonLines(new ByteArrayOutputStream(), false))
                .conversations(5).supervisors(SimulatorRunner.Supervisors.ALERTS_TOPIC).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("need bootstrap servers");
        assertThatThrownBy(() -> new SimulatorRunner.Pacing.EventsPerSecond(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SimulatorRunner.Pacing.DayIn(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        SimulatorRunner.Config ok = SimulatorRunner.Config.builder().sink(EventSink.jsonLines(new ByteArrayOutputStream(), false))
                .conversations(5).build();
        assertThat(ok.supervisors()).isEqualTo(SimulatorRunner.Supervisors.BUILT_IN);
        assertThat(ok.simulation().builtInAlerts()).isTrue();
    }

    private static List<ConversationEvent> decode(ByteArrayOutputStream out) throws Exception {
        JsonCodec<ConversationEvent> codec = JsonCodec.of(ConversationEvent.class);
        List<ConversationEvent> events = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                events.add(codec.decode(line));
            }
        }
        return events;
    }
}
