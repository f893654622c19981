package com.takeover.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.takeover.bench.ThreadCpu.Kind;
import com.takeover.bench.ThreadCpu.Reading;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ThreadCpuTest {

    @Test
    void threadsAreKindedByTheNamesFlinkAndKafkaGiveThem() {
        assertThat(Kind.of("Score conversations, evaluate alert rules -> Sink: Kafka: takeover-alerts: Writer (1/2)#0"))
                .isEqualTo(Kind.SCORING);
        assertThat(Kind.of("pass through -> Kafka: bench-pass-bytes-1: Writer (2/2)#0")).isEqualTo(Kind.PASS_THROUGH);
        assertThat(Kind.of("Lake: conversations/: Writer (2/2)#0")).isEqualTo(Kind.LAKE);
        assertThat(Kind.of("Source: Kafka: bench-conversation-events -> Route undecodable records (1/2)#0"))
                .isEqualTo(Kind.SOURCES);
        assertThat(Kind.of("Source Data Fetcher for Source: Kafka: bench-conversation-events (1/2)#0"))
                .isEqualTo(Kind.SOURCES);
        // A flusher named after a Kafka task is still a flusher
        assertThat(Kind.of("OutputFlusher for Source: Kafka: bench-conversation-events")).isEqualTo(Kind.FLUSHERS);
        assertThat(Kind.of("data-plane-kafka-request-handler-0")).isEqualTo(Kind.KAFKA);
        assertThat(Kind.of("kafka-producer-network-thread | producer-3")).isEqualTo(Kind.KAFKA);
        assertThat(Kind.of("flink-pekko.actor.default-dispatcher-5")).isEqualTo(Kind.OTHER);
    }

    @Test
    void eachThreadCountsWhatItSpentSinceTheStartAndNewThreadsCountWhole() {
        Map<Long, Reading> start = Map.of(
                1L, new Reading(1, "Score conversations, evaluate alert rules (1/2)#0", 100),
                2L, new Reading(2, "ended before the job, never read again", 500));
        Map<Long, Reading> last = Map.of(
                1L, new Reading(1, "Score conversations, evaluate alert rules (1/2)#0", 350),
                2L, new Reading(2, "ended before the job, never read again", 500),
                3L, new Reading(3, "Lake: alerts/: Writer (1/2)#0", 80),
                4L, new Reading(4, "Score conversations, evaluate alert rules (2/2)#0", 40));

        assertThat(ThreadCpu.byKind(start, last)).containsExactlyInAnyOrderEntriesOf(Map.of(
                Kind.SCORING, 290L, Kind.LAKE, 80L, Kind.OTHER, 0L));
    }

    @Test
    void theLineGivesMicrosecondsPerEventOfTheKindsThatSpentAnything() {
        Map<Kind, Long> ns = new EnumMap<>(Kind.class);
        ns.put(Kind.OTHER, 300_000_000L);
        ns.put(Kind.LAKE, 1_500_000_000L);
        ns.put(Kind.SCORING, 6_200_000_000L);
        ns.put(Kind.SOURCES, 0L);

        assertThat(ThreadCpu.line(ns, 1_000_000)).isEqualTo("scoring 6.2, lake writers 1.5, other 0.3");
    }

    @Test
    void aThreadThatEndsWhileTheJobRunsIsCounted() throws Exception {
        ThreadCpu cpu = ThreadCpu.start();
        assertThat(cpu).as("this JVM has per-thread CPU clocks").isNotNull();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        // Three of the sampler's periods of CPU, so that it reads the thread while it runs
        Thread writer = new Thread(() -> {
            while (mx.getCurrentThreadCpuTime() < 3 * ThreadCpu.PERIOD_MS * 1_000_000) {
                Thread.onSpinWait();
            }
        }, "Lake: test writer");
        writer.start();
        writer.join();

        Map<Kind, Long> spent = cpu.stop();
        assertThat(spent.getOrDefault(Kind.LAKE, 0L)).isPositive();
        assertThat(spent).doesNotContainKey(Kind.SCORING);
    }
}
