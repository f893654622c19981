package com.takeover.batch.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.takeover.batch.lake.DateRange;
import com.takeover.batch.lake.LakeRead;
import com.takeover.batch.lake.LakeReader;
import com.takeover.batch.stats.Proportions;
import com.takeover.batch.testing.HandLake;
import com.takeover.batch.testing.SparkTestSession;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every report on the hand lake (see HandLake), with numbers worked out by hand. */
class ReportsFixtureTest {
    static final double E = 1e-9;
    static ReportContext ctx;
    static LakeRead outcomes;

    @BeforeAll
    static void build(@TempDir Path dir) throws Exception {
        SparkSession spark = SparkTestSession.get();
        HandLake.write(dir);
        ReportSettings s = new ReportSettings(1, 3, 2, 2, 5, 0.7, 20);
        LakeReader lake = new LakeReader(spark, dir.toString());
        DateRange range = new DateRange(HandLake.D.minusDays(5), HandLake.D);
        outcomes = lake.outcomes(range, null);
        Dataset<Row> latest = ConversationFacts.latestOutcomes(outcomes.rows(), DateRange.of(HandLake.D).endMillisExclusive());
        Dataset<Row> facts = ConversationFacts.build(lake.conversations(range).rows(), latest, s).cache();
        ctx = new ReportContext(HandLake.D, s, facts, lake.alerts(range).rows().cache(), lake.takeovers(range).rows().cache());
    }

    @Test
    void interventionEffectComparesLikeWithLike() {
        Table t = InterventionEffectReport.build(ctx);
        int all = t.find("level", "all");
        assertThat(all).isZero();
        assertThat(t.lng(all, "conversations")).isEqualTo(11);
        assertThat(t.lng(all, "takenOver")).isEqualTo(5);
        assertThat(t.dbl(all, "takeoverRate")).isCloseTo(5.0 / 11, within(E));
        assertThat(t.lng(all, "pendingOutcome")).isEqualTo(1); // c10: its outcome is known only the day after
        assertThat(t.lng(all, "takenOverWithOutcome")).isEqualTo(4);
        assertThat(t.lng(all, "aiOnlyWithOutcome")).isEqualTo(6);
        assertThat(t.dbl(all, "resolvedRateTakenOver")).isCloseTo(0.75, within(E));
        assertThat(t.dbl(all, "resolvedRateAiOnly")).isCloseTo(4.0 / 6, within(E)); // c6's restated outcome counts
        assertThat(t.dbl(all, "naiveResolvedDiff")).isCloseTo(0.75 - 4.0 / 6, within(E));
        // strata: low T 1/1 vs AI 3/4, high T 2/3 vs AI 1/2; weights 1/4 and 3/4
        assertThat(t.dbl(all, "adjustedResolvedDiff")).isCloseTo(0.25 * 0.25 + 0.75 * (2.0 / 3 - 0.5), within(E));
        double variance = 0.0625 * (2.0 / 9 / 1 + 2.0 / 9 / 4) + 0.5625 * (0.24 / 3 + 0.25 / 2);
        assertThat(t.dbl(all, "adjustedResolvedCiHigh"))
                .isCloseTo(0.1875 + Proportions.Z95 * Math.sqrt(variance), within(E));
        assertThat(t.dbl(all, "adjustedResolvedCiLow")).isCloseTo(-0.526405, within(1e-6));
        assertThat(t.lng(all, "comparedTakenOver")).isEqualTo(4);
        assertThat(t.lng(all, "comparedAiOnly")).isEqualTo(6);
        assertThat(t.dbl(all, "meanCsatTakenOver")).isCloseTo(3.75, within(E));
        assertThat(t.dbl(all, "meanCsatAiOnly")).isCloseTo(2.75, within(E));
        // CSAT strata: low T {4} vs AI {5, 2}; high T {5, 4, 2} vs AI {1, 3}
        assertThat(t.dbl(all, "adjustedCsatDiff")).isCloseTo(0.25 * 0.5 + 0.75 * (11.0 / 3 - 2), within(E));
        assertThat(t.dbl(all, "reopenedRateTakenOver")).isCloseTo(0.25, within(E));
        assertThat(t.dbl(all, "reopenedRateAiOnly")).isCloseTo(0.0, within(E));
        assertThat(t.dbl(all, "meanHoursToResolutionTakenOver")).isCloseTo(1.0, within(E));
        assertThat(t.dbl(all, "meanHoursToResolutionAiOnly")).isCloseTo(3.0, within(E));
        assertThat(t.str(all, "verdict")).isEqualTo("no clear effect");
        assertThat(t.str(all, "minimumSample")).contains(">= 2 taken-over").endsWith("has 4 and 6");
        assertThat(t.dbl(all, "expectedGain")).isCloseTo(0.1875 * 11, within(E));

        int delivery = t.find("level", "topic", "topic", "delivery");
        assertThat(t.lng(delivery, "conversations")).isEqualTo(1);
        assertThat(t.str(delivery, "verdict")).isEqualTo("too little data");
        assertThat(t.value(delivery, "expectedGain")).isNull();
        int billingChat = t.find("level", "topic x segment x channel", "topic", "billing", "segment", "standard",
                "channel", "chat");
        assertThat(t.lng(billingChat, "conversations")).isEqualTo(10);
        // 8 levels: all, topic(2), segment(1), channel(2), topic x segment(2), topic x channel(2), segment x channel(2), all three(2)
        assertThat(t.rows()).hasSize(14);
    }

    @Test
    void aiGapsPerTopicWithChangeAgainstThePreviousWindow() {
        Table t = AiGapsReport.build(ctx);
        assertThat(t.str(0, "topic")).isEqualTo("*");
        assertThat(t.str(1, "topic")).isEqualTo("billing"); // weakest AI-only resolution first
        assertThat(t.str(2, "topic")).isEqualTo("delivery");
        assertThat(t.lng(1, "conversations")).isEqualTo(10);
        assertThat(t.lng(1, "aiOnly")).isEqualTo(5);
        assertThat(t.dbl(1, "aiOnlyResolutionRate")).isCloseTo(0.6, within(E));
        assertThat(t.dbl(1, "aiOnlyResolutionCiLow")).isCloseTo(Proportions.wilson(3, 5).low(), within(E));
        assertThat(t.dbl(1, "takeoverRate")).isCloseTo(0.5, within(E));
        assertThat(t.dbl(1, "humanRequestRate")).isCloseTo(0.2, within(E));
        assertThat(t.dbl(1, "lowConfidenceShare")).isCloseTo(5.0 / 40, within(E));
        assertThat(t.lng(1, "missedInterventions")).isEqualTo(1); // c5: high risk, AI-only, unresolved
        assertThat(t.dbl(1, "missedInterventionRate")).isCloseTo(0.5, within(E));
        assertThat(t.lng(1, "previousConversations")).isEqualTo(1);
        assertThat(t.dbl(1, "aiOnlyResolutionRateChange")).isCloseTo(0.6, within(E));
        assertThat(t.dbl(1, "takeoverRateChange")).isCloseTo(0.5, within(E));
        assertThat(t.dbl(1, "humanRequestRateChange")).isCloseTo(-0.8, within(E));
        assertThat(t.lng(1, "missedInterventionsChange")).isEqualTo(1);
        assertThat(t.dbl(2, "aiOnlyResolutionRate")).isCloseTo(1.0, within(E));
        assertThat(t.value(2, "aiOnlyResolutionRateChange")).isNull(); // nothing to compare with
        assertThat(t.value(2, "missedInterventionsChange")).isNull();
        assertThat(t.lng(0, "conversations")).isEqualTo(11);
        assertThat(t.dbl(0, "aiOnlyResolutionRate")).isCloseTo(4.0 / 6, within(E));
    }

    @Test
    void alertEffectivenessPerRule() {
        Table t = AlertEffectivenessReport.build(ctx);
        assertThat(t.rows()).extracting(r -> r[0]).containsExactly("*", "risk-high", "human-request", "low-confidence");
        int risk = 1;
        assertThat(t.lng(risk, "alerts")).isEqualTo(3); // the replayed a2 counts once
        assertThat(t.dbl(risk, "alertsPerHour")).isCloseTo(3.0 / 24, within(E));
        assertThat(t.lng(risk, "alertedConversations")).isEqualTo(3);
        assertThat(t.lng(risk, "actedOn")).isEqualTo(1);
        assertThat(t.dbl(risk, "shareActedOn")).isCloseTo(1.0 / 3, within(E));
        assertThat(t.dbl(risk, "medianMinutesToTakeover")).isCloseTo(6.0, within(E)); // 2 and 10 minutes
        assertThat(t.dbl(risk, "precision")).isCloseTo(1.0 / 3, within(E)); // only c5 was in trouble
        assertThat(t.dbl(risk, "recall")).isCloseTo(0.25, within(E)); // troubled: c2, c4 (reopened), c5, c9
        assertThat(t.str(risk, "recommendation")).startsWith("keep: too few alerts to judge");
        assertThat(t.dbl(2, "medianMinutesToTakeover")).isCloseTo(1.0, within(E));
        assertThat(t.dbl(2, "precision")).isCloseTo(1.0, within(E));
        assertThat(t.value(3, "medianMinutesToTakeover")).isNull();
        assertThat(t.lng(0, "alerts")).isEqualTo(5);
        assertThat(t.lng(0, "actedOn")).isEqualTo(2);
        assertThat(t.dbl(0, "medianMinutesToTakeover")).isCloseTo(2.0, within(E)); // 1, 2, 10
        assertThat(t.dbl(0, "precision")).isCloseTo(0.6, within(E));
        assertThat(t.dbl(0, "recall")).isCloseTo(0.75, within(E));
        // the human-request rule is right by definition; its outcomes say more: c9 ended unresolved
        assertThat(t.dbl(2, "askedForHumanShare")).isCloseTo(1.0, within(E));
        assertThat(t.dbl(2, "badOutcomeRate")).isCloseTo(1.0, within(E));
        assertThat(t.dbl(risk, "askedForHumanShare")).isCloseTo(1.0 / 3, within(E)); // c5 asked
        assertThat(t.dbl(risk, "badOutcomeRate")).isCloseTo(1.0 / 3, within(E)); // c5 bad; c7, c8 resolved
        assertThat(t.dbl(0, "askedForHumanShare")).isCloseTo(2.0 / 5, within(E)); // c5, c9 of c2, c5, c7, c8, c9
        assertThat(t.dbl(0, "badOutcomeRate")).isCloseTo(3.0 / 5, within(E)); // c2, c5, c9
    }

    @Test
    void aRuleThatFiresOnRequestsForAHumanGetsNoAdviceFromItsPrecision() {
        ReportSettings s = ReportSettings.defaults();
        // precision 100% and a low recall would read "loosen" for any other rule
        assertThat(AlertEffectivenessReport.recommendation(200, 200, 1.0, 0.2, 0.99, s))
                .startsWith("keep: it fires when customers ask for a human");
        assertThat(AlertEffectivenessReport.recommendation(200, 200, 1.0, 0.2, 0.30, s)).startsWith("loosen: 100%");
        assertThat(AlertEffectivenessReport.recommendation(200, 200, 0.2, 0.2, 0.0, s)).startsWith("tighten: only 20%");
    }

    @Test
    void recommendationsInPlainWords() {
        ReportSettings s = ReportSettings.defaults();
        assertThat(AlertEffectivenessReport.recommendation(100, 100, 0.3, 0.9, 0.0, s))
                .isEqualTo("tighten: only 30% of alerted conversations were in trouble");
        assertThat(AlertEffectivenessReport.recommendation(100, 100, 0.8, 0.3, 0.0, s))
                .isEqualTo("loosen: 80% of its alerts are right but it catches only 30% of troubled conversations");
        assertThat(AlertEffectivenessReport.recommendation(100, 100, 0.6, 0.3, 0.0, s))
                .isEqualTo("keep: 60% of alerted conversations were in trouble");
        assertThat(AlertEffectivenessReport.recommendation(5, 5, 0.1, 0.3, 0.0, s)).startsWith("keep: too few alerts");
    }

    @Test
    void takeoverTimingUsesTheFirstTakeover() {
        Table t = TakeoverTimingReport.build(ctx);
        assertThat(t.rows()).hasSize(20);
        Map<String, long[]> expectTurns = Map.of("0-2", new long[] {1, 1}, "3-4", new long[] {2, 1},
                "5-6", new long[] {1, 1}, "7-9", new long[] {0, 0}, "10+", new long[] {1, 1});
        expectTurns.forEach((bucket, v) -> {
            int r = t.find("dimension", "turns at takeover", "bucket", bucket);
            assertThat(t.lng(r, "takeovers")).as(bucket).isEqualTo(v[0]);
            assertThat(t.lng(r, "withOutcome")).as(bucket).isEqualTo(v[1]);
        });
        int early = t.find("dimension", "turns at takeover", "bucket", "0-2");
        assertThat(t.dbl(early, "resolvedRate")).isCloseTo(1.0, within(E));
        assertThat(t.dbl(early, "meanCsat")).isCloseTo(4.0, within(E));
        assertThat(t.dbl(early, "reopenedRate")).isCloseTo(1.0, within(E));
        int late = t.find("dimension", "turns at takeover", "bucket", "10+");
        assertThat(t.dbl(late, "resolvedRate")).isCloseTo(0.0, within(E));
        assertThat(t.value(t.find("dimension", "turns at takeover", "bucket", "7-9"), "resolvedRate")).isNull();
        assertThat(t.lng(t.find("dimension", "minutes since start", "bucket", "<1"), "takeovers")).isEqualTo(1);
        assertThat(t.lng(t.find("dimension", "minutes since start", "bucket", "1-3"), "takeovers")).isEqualTo(1);
        assertThat(t.lng(t.find("dimension", "minutes since start", "bucket", "10+"), "takeovers")).isEqualTo(1);
        assertThat(t.lng(t.find("dimension", "risk at takeover", "bucket", "0.7-0.9"), "takeovers")).isEqualTo(2);
        assertThat(t.lng(t.find("dimension", "risk at takeover", "bucket", "0.3-0.5"), "takeovers")).isEqualTo(0);
        assertThat(t.lng(t.find("dimension", "minutes after first alert", "bucket", "no alert"), "takeovers"))
                .isEqualTo(2);
        assertThat(t.lng(t.find("dimension", "minutes after first alert", "bucket", "1-3"), "takeovers")).isEqualTo(2);
        assertThat(t.lng(t.find("dimension", "minutes after first alert", "bucket", "10+"), "takeovers")).isEqualTo(1);
    }

    @Test
    void trendFillsEveryDay() {
        Table t = TrendReport.build(ctx);
        assertThat(t.rows()).extracting(r -> r[0]).containsExactly("2024-06-08", "2024-06-09", "2024-06-10");
        assertThat(t.lng(0, "conversations")).isZero();
        assertThat(t.value(0, "takeoverRate")).isNull();
        assertThat(t.lng(1, "conversations")).isEqualTo(1);
        assertThat(t.dbl(1, "resolutionRate")).isCloseTo(0.0, within(E));
        assertThat(t.lng(2, "conversations")).isEqualTo(11);
        assertThat(t.dbl(2, "takeoverRate")).isCloseTo(5.0 / 11, within(E));
        assertThat(t.lng(2, "withOutcome")).isEqualTo(10);
        assertThat(t.dbl(2, "resolutionRate")).isCloseTo(0.7, within(E));
        assertThat(t.dbl(2, "meanCsat")).isCloseTo(26.0 / 8, within(E));
    }

    @Test
    void dataQualityCountsWhatDidNotJoin() {
        // the table's arithmetic; NightlyRunTest checks the run's own count of the "ghost" outcome
        Map<java.time.LocalDate, Long> orphans = Map.of(HandLake.D, 1L);
        Table t = DataQualityReport.build(ctx, new DataQualityReport.Inputs(2, 12, 6, 6, outcomes.rowCount(), 0, "", 1, orphans));
        assertThat(t.lng(t.find("metric", "conversationsInWindow"), "value")).isEqualTo(11);
        assertThat(t.lng(t.find("metric", "conversationsWithoutOutcomeYet"), "value")).isEqualTo(1);
        assertThat(t.lng(t.find("metric", "outcomesWithoutConversation"), "value")).isEqualTo(1);
        // c10's outcome (known the next day) is outside the dates read
        assertThat(outcomes.rowCount()).isEqualTo(13);
    }
}
