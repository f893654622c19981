package com.takeover.batch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How a failure becomes the scheduler's exit code and one line on stderr. */
class BatchCliTest {
    static final String READ_ERROR = "[FAILED_READ_FILE.NO_HINT] Encountered error while reading file "
            + "file:///lake/conversations/dt=2024-03-07/part-00000.parquet. SQLSTATE: KD001";

    @Test
    void anUnreadableFileBehindStagesThatFailedTogetherIsStillNamedAndExitsThree() {
        // Spark's shape when two stages read a corrupt file at once: the first failure as the cause (here the
        // other stage, cancelled), the rest suppressed
        RuntimeException cancelled = new RuntimeException("Job 12 cancelled because the stage failed");
        RuntimeException multiple = new RuntimeException(
                "[STAGE_MATERIALIZATION_MULTIPLE_FAILURES] Multiple failures (2) in stage materialization:", cancelled);
        multiple.addSuppressed(new RuntimeException("Job aborted", new RuntimeException(READ_ERROR)));

        assertThat(BatchCli.exitCode(multiple)).isEqualTo(BatchCli.BAD_INPUT);
        assertThat(BatchCli.message(multiple)).isEqualTo(READ_ERROR);
    }

    @Test
    void theReadErrorIsTakenFromSparksListOfFailuresOnOneLine() {
        RuntimeException multiple = new RuntimeException(
                "[STAGE_MATERIALIZATION_MULTIPLE_FAILURES] Multiple failures (2) in stage materialization:\n"
                        + "1. Job aborted due to stage failure: Task 0 in stage 3.0 failed 1 times, most recent failure:"
                        + " Lost task 0.0: org.apache.spark.SparkException: " + READ_ERROR + "\n"
                        + "2. Job 7 cancelled as part of cancellation of all jobs");

        assertThat(BatchCli.exitCode(multiple)).isEqualTo(BatchCli.BAD_INPUT);
        assertThat(BatchCli.message(multiple)).isEqualTo(READ_ERROR);
    }

    @Test
    void anyOtherFailureExitsOneWithItsOwnFirstLine() {
        RuntimeException bug = new RuntimeException("something broke\n\tat somewhere");
        assertThat(BatchCli.exitCode(bug)).isEqualTo(BatchCli.FAILURE);
        assertThat(BatchCli.message(bug)).isEqualTo("something broke");
    }
}
