package com.takeover.batch.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.takeover.batch.lake.DateRange;
import com.takeover.batch.lake.LakeReader;
import com.takeover.batch.lake.SampleLake;
import com.takeover.batch.testing.SparkTestSession;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generated lake where supervisors take over the risky conversations (which end worse anyway)
 * and a takeover adds +15 points to the chance of resolution: the naive comparison says takeovers
 * hurt, the risk-adjusted one must find the planted +15 inside its 95% interval.
 */
class PlantedEffectTest {
    static final double PLANTED = 0.15;

    @Test
    void adjustedEstimateRecoversThePlantedEffectWhereTheNaiveOneIsWrong(@TempDir Path lake) throws Exception {
        LocalDate from = LocalDate.of(2024, 1, 1);
        SampleLake.Summary truth = SampleLake.write(lake, new SampleLake.Config(from, 14, 500, 11, PLANTED, Map.of(), 0.9));
        assertThat(truth.takenOver()).isBetween(1200, 2200);

        SparkSession spark = SparkTestSession.get();
        LocalDate last = from.plusDays(13);
        ReportSettings s = ReportSettings.defaults().withWindowDays(14);
        LakeReader r = new LakeReader(spark, lake.toString());
        DateRange range = DateRange.ending(last, 14);
        // outcomes known by three days later: all of them
        Dataset<Row> latest = ConversationFacts.latestOutcomes(r.outcomes(new DateRange(from, last.plusDays(3)), null).rows(),
                DateRange.of(last.plusDays(3)).endMillisExclusive());
        Dataset<Row> facts = ConversationFacts.build(r.conversations(range).rows(), latest, s).cache();
        Table t = InterventionEffectReport.build(new ReportContext(last, s, facts, r.alerts(range).rows(),
                r.takeovers(range).rows()));
        int all = t.find("level", "all");
        double naive = t.dbl(all, "naiveResolvedDiff");
        double adjusted = t.dbl(all, "adjustedResolvedDiff");
        double low = t.dbl(all, "adjustedResolvedCiLow");
        double high = t.dbl(all, "adjustedResolvedCiHigh");
        System.out.printf("planted %+.3f naive %+.3f adjusted %+.3f [%+.3f, %+.3f] n=%d taken over=%d%n",
                PLANTED, naive, adjusted, low, high, t.lng(all, "conversations"), t.lng(all, "takenOver"));

        // Naive: the wrong sign, far from the truth
        assertThat(naive).isNegative();
        assertThat(PLANTED - naive).isGreaterThan(0.15);
        // Adjusted: the planted effect inside a usefully narrow interval, and the right verdict
        assertThat(low).isLessThanOrEqualTo(PLANTED);
        assertThat(high).isGreaterThanOrEqualTo(PLANTED);
        assertThat(high - low).isLessThan(0.12);
        assertThat(t.str(all, "verdict")).isEqualTo("helps");
        assertThat(t.dbl(all, "resolvedRateTakenOver")).isLessThan(t.dbl(all, "resolvedRateAiOnly"));
    }
}
