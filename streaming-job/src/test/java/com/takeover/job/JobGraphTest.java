package com.takeover.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;
import org.apache.flink.runtime.jobgraph.JobVertex;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamEdge;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the job's operators are laid out into tasks (threads), from the graph alone: nothing runs. */
class JobGraphTest {

    @Test
    void theLakeWritersRunInTheirOwnTasksNotOnTheScoringThread(@TempDir Path dir) {
        JobConfig cfg = JobConfig.builder().bootstrapServers("localhost:9092")
                .lakePath(dir.resolve("lake").toString()).build();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        TakeoverJob.from(cfg).build(env);
        List<JobVertex> tasks = StreamSupport.stream(env.getStreamGraph().getJobGraph().getVertices().spliterator(), false)
                .toList();

        // A bulk FileSink flushes its Parquet files at every checkpoint in its own thread: never the scoring one,
        // where it would hold back every alert for the time of the flush.
        assertThat(tasks).filteredOn(v -> v.getName().contains("Score conversations")).singleElement()
                .satisfies(scoring -> assertThat(scoring.getName())
                        .doesNotContain("Lake: conversations/", "Lake: alerts/", "Lake: takeovers/"));
        assertThat(tasks).extracting(JobVertex::getName)
                .anySatisfy(n -> assertThat(n).contains("Lake: conversations/"))
                .anySatisfy(n -> assertThat(n).contains("Lake: alerts/"))
                .anySatisfy(n -> assertThat(n).contains("Lake: takeovers/"));
    }

    @Test
    void alertsLeaveFromTheScoringThreadWhileLakeRowsTravelInFullBuffers(@TempDir Path dir) {
        JobConfig cfg = JobConfig.builder().bootstrapServers("localhost:9092").bufferTimeout(Duration.ofMillis(10))
                .lakePath(dir.resolve("lake").toString()).build();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        TakeoverJob.from(cfg).build(env);
        StreamGraph graph = env.getStreamGraph();
        List<JobVertex> tasks = StreamSupport.stream(graph.getJobGraph().getVertices().spliterator(), false).toList();

        // No network buffer between an alert (or a rule's rejection) and its Kafka producer: the scoring task's
        // network outputs are the lake's alone
        assertThat(tasks).filteredOn(v -> v.getName().contains("Score conversations")).singleElement()
                .satisfies(scoring -> assertThat(scoring.getName())
                        .contains("Kafka: takeover-alerts", "Kafka: rule-rejections"));
        List<StreamEdge> edges = graph.getStreamNodes().stream().flatMap(n -> n.getOutEdges().stream()).toList();
        assertThat(edges).filteredOn(e -> name(graph, e.getTargetId()).startsWith("Lake: ")
                        && name(graph, e.getTargetId()).contains("/: Writer"))
                .hasSize(3)
                .allSatisfy(e -> assertThat(e.getBufferTimeout()).isEqualTo(TakeoverJob.LAKE_BUFFER_TIMEOUT.toMillis()));
        // Events and rule updates reach the scorer at the job's own timeout
        assertThat(edges).filteredOn(e -> name(graph, e.getTargetId()).startsWith("Score conversations"))
                .isNotEmpty()
                .allSatisfy(e -> assertThat(e.getBufferTimeout()).isEqualTo(10));
    }

    private static String name(StreamGraph graph, int nodeId) {
        return graph.getStreamNode(nodeId).getOperatorName();
    }
}
