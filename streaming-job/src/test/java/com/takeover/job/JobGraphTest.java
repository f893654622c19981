package com.takeover.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;
import org.apache.flink.runtime.jobgraph.JobVertex;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
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
}
