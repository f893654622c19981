package com.takeover.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.takeover.bench.ThroughputBenchmark.Result;
import com.takeover.bench.ThroughputBenchmark.Run;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThroughputBenchmarkTest {
    private static final String DECODED = PassThroughJob.Floor.DECODED.label();
    private static final String BYTES = PassThroughJob.Floor.BYTES.label();

    /** A run of {@code events} in {@code seconds}: {@code events / seconds} events/s. */
    private static Run run(String job, int round, double seconds) {
        return new Run(job, round, 1_000_000, seconds, seconds, 0);
    }

    @Test
    void roundRatiosPairEachWarmRoundsJobsAndLeaveTheColdRoundOut() {
        Result r = new Result(new Traffic.Loaded(1_000_000, 1), List.of(
                run(BYTES, 1, 4), run(DECODED, 1, 5), run(ThroughputBenchmark.FULL, 1, 20),
                run(BYTES, 2, 4), run(DECODED, 2, 5), run(ThroughputBenchmark.FULL, 2, 10),
                run(BYTES, 3, 2), run(DECODED, 3, 2.5), run(ThroughputBenchmark.FULL, 3, 12.5)));

        // round 2: 100k / 200k; round 3: 80k / 400k
        assertThat(r.roundRatios(DECODED)).containsExactly(0.5, 0.2);
        // the best rounds pair round 2's full job with round 3's pass-through
        assertThat(r.best(ThroughputBenchmark.FULL) / r.best(DECODED)).isEqualTo(0.25);
    }

    @Test
    void aSingleRoundIsItsOwnRatio() {
        Result r = new Result(new Traffic.Loaded(1_000_000, 1), List.of(
                run(BYTES, 1, 4), run(DECODED, 1, 5), run(ThroughputBenchmark.FULL, 1, 20)));
        assertThat(r.roundRatios(DECODED)).containsExactly(0.25);
    }
}
