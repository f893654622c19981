package com.takeover.batch.reports;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.desc;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One row per conversation joined with its latest known outcome: what every report aggregates.
 *
 * <p>Columns: conversationId, endDate (UTC date), topic/segment/channel ("(unknown)" when
 * missing), takenOver, maxRisk, riskBin, humanRequested, lowConfidenceAnswers, aiMessages, alerted,
 * alertRuleIds, firstAlertTime, takeoverTime, hasOutcome and the 0/1 outcome columns (null without
 * an outcome): resolved, csat, reopened, timeToResolutionMs, escalated, bad (unresolved, reopened,
 * escalated or CSAT ≤ 2), troubled (the customer asked for a human, or a bad outcome), highRisk,
 * outcomeKnownDate (the UTC date the outcome became known).
 */
public final class ConversationFacts {
    public static final String UNKNOWN = "(unknown)";
    private static final Logger LOG = LoggerFactory.getLogger(ConversationFacts.class);

    private ConversationFacts() {}

    /**
     * Latest known outcome per conversation among those known before {@code cutoffMillis};
     * ties on knownAt are broken on the other columns so the choice is repeatable. Column {@code superseded}: how
     * many older versions of that outcome (known before the cutoff) the latest replaces.
     */
    public static Dataset<Row> latestOutcomes(Dataset<Row> outcomes, long cutoffMillis) {
        Column versions = count(lit(1)).over(Window.partitionBy("conversationId"));
        return outcomes.filter(col("knownAt").lt(cutoffMillis))
                .withColumn("_n", row_number().over(Window.partitionBy("conversationId").orderBy(
                        desc("knownAt"), col("resolved").desc_nulls_last(), col("csat").asc_nulls_last(),
                        col("reopened").desc_nulls_last(), col("escalated").desc_nulls_last(),
                        col("ticketId").asc_nulls_last(), col("timeToResolutionMs").asc_nulls_last())))
                .withColumn("superseded", versions.minus(1))
                .filter(col("_n").equalTo(1)).drop("_n");
    }

    /** The UTC date on which an outcome became known. */
    public static Column knownDate(Column knownAtMillis) {
        return functions.to_date(functions.timestamp_millis(knownAtMillis));
    }

    /**
     * At most this many replayed ids are broadcast to the scan of the summaries; beyond it (a lake where a whole
     * period was written twice) every summary goes through the ordering window instead.
     */
    static final int MAX_BROADCAST_REPLAYED_IDS = 100_000;

    static Dataset<Row> lastSummaries(Dataset<Row> conversations) {
        return lastSummaries(conversations, MAX_BROADCAST_REPLAYED_IDS);
    }

    /**
     * One row per conversation, its last summary: a replayed stream may write a conversation twice. Replays are
     * rare, so the ids seen more than once are counted first (one narrow column) and only they go through the
     * ordering window; on a night without replays the summaries pass as they are.
     */
    static Dataset<Row> lastSummaries(Dataset<Row> conversations, int maxBroadcastIds) {
        List<Row> replayed = SparkJobs.described(conversations.sparkSession(), "conversations written more than once",
                () -> conversations.groupBy(col("conversationId").as("r_id")).count()
                        .filter(col("count").gt(1)).select("r_id").limit(maxBroadcastIds + 1).collectAsList());
        if (replayed.isEmpty()) {
            return conversations;
        }
        if (replayed.size() > maxBroadcastIds) {
            LOG.warn("more than {} conversations were written more than once (a replayed lake?): ordering every"
                    + " summary to keep the last of each", maxBroadcastIds);
            return lastOfEach(conversations);
        }
        LOG.info("{} conversations were written more than once: keeping the last summary of each", replayed.size());
        Dataset<Row> ids = broadcast(conversations.sparkSession().createDataFrame(replayed,
                new StructType().add("r_id", DataTypes.StringType)));
        // Null ids are one conversation, as in the window
        Column sameId = col("conversationId").eqNullSafe(col("r_id"));
        Dataset<Row> once = conversations.join(ids, sameId, "left_anti");
        Dataset<Row> last = lastOfEach(conversations.join(ids, sameId, "left_semi"));
        return once.unionByName(last);
    }

    private static Dataset<Row> lastOfEach(Dataset<Row> summaries) {
        return summaries.withColumn("_n", row_number().over(Window.partitionBy("conversationId")
                        .orderBy(desc("endTime"), desc("startTime"), desc("customerMessages"), desc("takenOver"))))
                .filter(col("_n").equalTo(1)).drop("_n");
    }

    public static Dataset<Row> build(Dataset<Row> conversations, Dataset<Row> latestOutcomes, ReportSettings s) {
        Dataset<Row> conv = lastSummaries(conversations);
        Dataset<Row> out = latestOutcomes.select(
                col("conversationId").as("o_id"), col("resolved").as("o_resolved"), col("csat").as("o_csat"),
                col("reopened").as("o_reopened"), col("timeToResolutionMs").as("o_ttr"),
                col("escalated").as("o_escalated"), col("knownAt").as("o_known"));
        Dataset<Row> j = conv.join(out, conv.col("conversationId").equalTo(out.col("o_id")), "left");

        Column maxRisk = coalesce(col("maxRisk"), col("atDecision.risk"), lit(0.0));
        int bins = s.riskBins();
        Column riskBin = greatest(lit(0), least(lit(bins - 1), floor(maxRisk.multiply(bins)).cast(DataTypes.IntegerType)));
        Column has = col("o_id").isNotNull();
        Column resolved = when(has, col("o_resolved").cast(DataTypes.IntegerType));
        Column reopened = when(has, coalesce(col("o_reopened"), lit(false)).cast(DataTypes.IntegerType));
        Column escalated = when(has, coalesce(col("o_escalated"), lit(false)).cast(DataTypes.IntegerType));
        Column bad = when(has, when(col("o_resolved").equalTo(false)
                .or(coalesce(col("o_reopened"), lit(false)))
                .or(coalesce(col("o_escalated"), lit(false)))
                .or(coalesce(col("o_csat").leq(2), lit(false))), 1).otherwise(0));
        Column troubled = when(col("humanRequested"), lit(1)).otherwise(bad);
        return j.select(
                col("conversationId"),
                expr("to_date(timestamp_millis(endTime))").as("endDate"),
                coalesce(col("topic"), lit(UNKNOWN)).as("topic"),
                coalesce(col("segment"), lit(UNKNOWN)).as("segment"),
                coalesce(col("channel"), lit(UNKNOWN)).as("channel"),
                col("takenOver"),
                maxRisk.as("maxRisk"),
                riskBin.as("riskBin"),
                col("humanRequested"),
                coalesce(col("lowConfidenceAnswers"), lit(0)).as("lowConfidenceAnswers"),
                col("aiMessages"),
                col("alertCount").gt(0).as("alerted"),
                coalesce(col("alertRuleIds"), array().cast(DataTypes.createArrayType(DataTypes.StringType))).as("alertRuleIds"),
                col("firstAlertTime"),
                col("takeoverTime"),
                has.as("hasOutcome"),
                resolved.as("resolved"),
                when(has, col("o_csat")).as("csat"),
                reopened.as("reopened"),
                when(has, col("o_ttr")).as("timeToResolutionMs"),
                escalated.as("escalated"),
                bad.as("bad"),
                troubled.as("troubled"),
                maxRisk.geq(s.highRisk()).as("highRisk"),
                when(has, knownDate(col("o_known"))).as("outcomeKnownDate"));
    }
}
