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
    void anyOtherFailureExitsOneWithItsOwnFirstLine() {
        RuntimeException bug = new RuntimeException("something broke\n\tat somewhere");
        assertThat(BatchCli.exitCode(bug)).isEqualTo(BatchCli.FAILURE);
        assertThat(BatchCli.message(bug)).isEqualTo("something broke");
    }
}
