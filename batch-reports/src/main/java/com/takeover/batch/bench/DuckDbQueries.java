package com.takeover.batch.bench;

import com.takeover.batch.lake.DateRange;
import com.takeover.batch.reports.ReportSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The nightly job's core queries for one report date, in DuckDB SQL over the same Parquet files: the latest
 * outcome per conversation, one fact row per conversation, and each report's aggregation (intervention effect
 * cells, AI gaps for the window and the one before, alert effectiveness per rule, takeover timing per
 * dimension, the trend, orphan outcomes). They mirror {@code ConversationFacts} and the report classes' Spark
 * code; the statistics, charts and HTML that follow on the driver are left out.
 */
public final class DuckDbQueries {
    private final Path lake;
    private final LocalDate date;
    private final ReportSettings s;

    public DuckDbQueries(Path lake, LocalDate date, ReportSettings settings) {
        this.lake = lake;
        this.date = date;
        this.s = settings;
    }

    /** One query's name, rows returned and seconds. */
    public record Timing(String query, long rows, double seconds) {}

    /** What a run returned: per-query timings, and the trend row of the report date for a cross-check. */
    public record Result(List<Timing> timings, double seconds, long[] trendOfDate, String version) {}

    public Result run() throws SQLException, IOException {
        DateRange window = DateRange.ending(date, s.windowDays());
        DateRange previous = DateRange.ending(date.minusDays(s.windowDays()), s.windowDays());
        DateRange trend = DateRange.ending(date, s.trendDays());
        DateRange read = new DateRange(date.minusDays(Math.max(s.trendDays(), 2L * s.windowDays()) - 1), date);
        long cutoff = DateRange.of(date).endMillisExclusive();

        Map<String, String> q = new LinkedHashMap<>();
        q.put("latest outcomes", "CREATE OR REPLACE TEMP TABLE latest AS SELECT * EXCLUDE (n) FROM ("
                + " SELECT *, row_number() OVER (PARTITION BY conversationId ORDER BY knownAt DESC,"
                + " resolved DESC NULLS LAST, csat ASC NULLS LAST, reopened DESC NULLS LAST, escalated DESC NULLS LAST,"
                + " ticketId ASC NULLS LAST, timeToResolutionMs ASC NULLS LAST) AS n"
                + " FROM " + files("outcomes", read) + " WHERE knownAt < " + cutoff + ") WHERE n = 1");
        String maxRisk = "coalesce(c.maxRisk, c.atDecision.risk, 0.0)";
        String has = "(o.conversationId IS NOT NULL)";
        String bad = "CASE WHEN " + has + " THEN (CASE WHEN o.resolved = false OR coalesce(o.reopened, false)"
                + " OR coalesce(o.escalated, false) OR coalesce(o.csat <= 2, false) THEN 1 ELSE 0 END) END";
        q.put("facts", "CREATE OR REPLACE TEMP TABLE facts AS"
                + " WITH conv AS (SELECT * EXCLUDE (n) FROM (SELECT *, row_number() OVER (PARTITION BY conversationId"
                + " ORDER BY endTime DESC, startTime DESC, customerMessages DESC, takenOver DESC) AS n FROM "
                + files("conversations", read) + ") WHERE n = 1)"
                + " SELECT c.conversationId, CAST(make_timestamp(c.endTime * 1000) AS DATE) AS endDate,"
                + " coalesce(c.topic, '(unknown)') AS topic, coalesce(c.segment, '(unknown)') AS segment,"
                + " coalesce(c.channel, '(unknown)') AS channel, c.takenOver, " + maxRisk + " AS maxRisk,"
                + " greatest(0, least(" + (s.riskBins() - 1) + ", CAST(floor(" + maxRisk + " * " + s.riskBins()
                + ") AS INTEGER))) AS riskBin, c.humanRequested,"
                + " coalesce(c.lowConfidenceAnswers, 0) AS lowConfidenceAnswers, c.aiMessages,"
                + " c.alertCount > 0 AS alerted, coalesce(c.alertRuleIds, []) AS alertRuleIds, c.firstAlertTime,"
                + " c.takeoverTime, " + has + " AS hasOutcome,"
                + " CASE WHEN " + has + " THEN CAST(o.resolved AS INTEGER) END AS resolved,"
                + " CASE WHEN " + has + " THEN o.csat END AS csat,"
                + " CASE WHEN " + has + " THEN CAST(coalesce(o.reopened, false) AS INTEGER) END AS reopened,"
                + " CASE WHEN " + has + " THEN o.timeToResolutionMs END AS timeToResolutionMs,"
                + " CASE WHEN " + has + " THEN CAST(coalesce(o.escalated, false) AS INTEGER) END AS escalated,"
                + " " + bad + " AS bad, CASE WHEN c.humanRequested THEN 1 ELSE " + bad + " END AS troubled,"
                + " " + maxRisk + " >= " + s.highRisk() + " AS highRisk"
                + " FROM conv c LEFT JOIN latest o ON c.conversationId = o.conversationId");
        String inWindow = " WHERE endDate BETWEEN " + day(window.from()) + " AND " + day(window.to());
        q.put("intervention effect cells", "SELECT topic, segment, channel, riskBin, takenOver, hasOutcome, count(*),"
                + " sum(resolved), count(csat), sum(csat), sum(csat * csat), sum(reopened),"
                + " count(CASE WHEN resolved = 1 THEN timeToResolutionMs END),"
                + " sum(CASE WHEN resolved = 1 THEN timeToResolutionMs END) FROM facts" + inWindow + " GROUP BY ALL");
        String aiGaps = "SELECT topic, count(*), count(*) FILTER (NOT takenOver),"
                + " count(*) FILTER (NOT takenOver AND hasOutcome), count(*) FILTER (NOT takenOver AND resolved = 1),"
                + " count(*) FILTER (takenOver), count(*) FILTER (humanRequested), sum(lowConfidenceAnswers),"
                + " sum(aiMessages), count(*) FILTER (NOT takenOver AND highRisk AND bad = 1),"
                + " count(*) FILTER (NOT takenOver AND highRisk AND hasOutcome) FROM facts";
        q.put("ai gaps (window)", aiGaps + inWindow + " GROUP BY topic");
        q.put("ai gaps (previous window)", aiGaps + " WHERE endDate BETWEEN " + day(previous.from()) + " AND "
                + day(previous.to()) + " GROUP BY topic");
        long acted = s.actedWithinMinutes() * 60_000L;
        q.put("alert effectiveness: alerts", "WITH a AS (SELECT alertId, any_value(ruleId) AS ruleId,"
                + " any_value(alertTime) AS alertTime, any_value(conversationId) AS conversationId FROM "
                + files("alerts", read) + " WHERE alertTime >= " + window.startMillis() + " AND alertTime < "
                + window.endMillisExclusive() + " GROUP BY alertId),"
                + " d AS (SELECT a.alertId, a.ruleId, a.alertTime, min(t.takeoverTime) - a.alertTime AS delay FROM a"
                + " LEFT JOIN " + files("takeovers", read) + " t ON t.conversationId = a.conversationId"
                + " AND t.takeoverTime >= a.alertTime GROUP BY a.alertId, a.ruleId, a.alertTime)"
                + " SELECT ruleId, count(*), count(delay), count(*) FILTER (delay <= " + acted + "),"
                + " quantile_cont(delay, 0.5) FROM d GROUP BY ruleId"
                + " UNION ALL SELECT '*', count(*), count(delay), count(*) FILTER (delay <= " + acted + "),"
                + " quantile_cont(delay, 0.5) FROM d");
        q.put("alert effectiveness: conversations", "WITH f AS (SELECT * FROM facts" + inWindow + "),"
                + " per AS (SELECT DISTINCT conversationId, troubled, unnest(alertRuleIds) AS ruleId FROM f),"
                + " anyRule AS (SELECT conversationId, troubled, '*' AS ruleId FROM f WHERE alerted)"
                + " SELECT ruleId, count(*), count(troubled), count(*) FILTER (troubled = 1) FROM"
                + " (SELECT * FROM per UNION ALL SELECT * FROM anyRule) GROUP BY ruleId"
                + " UNION ALL SELECT 'troubled total', count(*), 0, 0 FROM f WHERE troubled = 1");
        String first = "(SELECT conversationId AS t_id, takeoverTime AS t_time, signals.turns AS t_turns,"
                + " signals.elapsedMs AS t_elapsed, signals.risk AS t_risk FROM (SELECT *, row_number() OVER"
                + " (PARTITION BY conversationId ORDER BY takeoverTime, eventId) AS n FROM " + files("takeovers", read)
                + ") WHERE n = 1)";
        String afterAlert = "CASE WHEN firstAlertTime IS NULL OR firstAlertTime > t_time THEN -1.0"
                + " ELSE (t_time - firstAlertTime) / 60000.0 END";
        String[][] dims = {
            {"turns", "CAST(t_turns AS DOUBLE)", "0,3,5,7,10"},
            {"minutes", "t_elapsed / 60000.0", "0,1,3,5,10"},
            {"risk", "t_risk", "0,0.3,0.5,0.7,0.9"},
            {"after alert", afterAlert, "-1e300,0,1,3,10"}};
        for (String[] d : dims) {
            q.put("takeover timing: " + d[0], "SELECT " + bucket(d[1], d[2]) + " AS b, count(*),"
                    + " count(*) FILTER (hasOutcome), count(*) FILTER (resolved = 1), count(csat), sum(csat),"
                    + " count(*) FILTER (reopened = 1) FROM (SELECT * FROM facts" + inWindow + ") f JOIN " + first
                    + " ON f.conversationId = t_id GROUP BY b");
        }
        q.put("trend", "SELECT CAST(endDate AS VARCHAR) AS d, count(*), count(*) FILTER (takenOver),"
                + " count(*) FILTER (hasOutcome), count(*) FILTER (resolved = 1), count(csat), sum(csat) FROM facts"
                + " WHERE endDate BETWEEN " + day(trend.from()) + " AND " + day(trend.to()) + " GROUP BY d ORDER BY d");
        q.put("orphan outcomes", "SELECT CAST(make_timestamp(knownAt * 1000) AS DATE) AS d, count(*) FROM latest l"
                + " ANTI JOIN (SELECT DISTINCT conversationId FROM " + files("conversations", read)
                + ") c ON l.conversationId = c.conversationId GROUP BY d");

        List<Timing> timings = new ArrayList<>();
        long[] trendOfDate = new long[3];
        long start = System.nanoTime();
        String version;
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            version = c.getMetaData().getDatabaseProductVersion();
            st.execute("SET TimeZone = 'UTC'");
            for (Map.Entry<String, String> e : q.entrySet()) {
                long t0 = System.nanoTime();
                long rows = 0;
                if (st.execute(e.getValue())) {
                    try (ResultSet rs = st.getResultSet()) {
                        while (rs.next()) {
                            rows++;
                            if (e.getKey().equals("trend") && rs.getString(1).equals(date.toString())) {
                                trendOfDate = new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4)};
                            }
                        }
                    }
                }
                timings.add(new Timing(e.getKey(), rows, (System.nanoTime() - t0) / 1e9));
            }
        }
        return new Result(timings, (System.nanoTime() - start) / 1e9, trendOfDate, version);
    }

    /** Same buckets as TakeoverTimingReport.Dimension: the highest edge the value reaches (from the second). */
    private static String bucket(String value, String edgeList) {
        String[] edges = edgeList.split(",");
        StringBuilder b = new StringBuilder("CASE");
        for (int i = edges.length - 1; i >= 1; i--) {
            b.append(" WHEN ").append(value).append(" >= ").append(edges[i]).append(" THEN ").append(i);
        }
        return b.append(" ELSE 0 END").toString();
    }

    private static String day(LocalDate d) {
        return "DATE '" + d + "'";
    }

    /** The dataset's Parquet files in the date range, as the nightly job lists them (hidden files skipped). */
    private String files(String dataset, DateRange range) throws IOException {
        List<String> out = new ArrayList<>();
        for (LocalDate d : range.days()) {
            Path part = lake.resolve(dataset).resolve("dt=" + d);
            if (!Files.isDirectory(part)) {
                continue;
            }
            try (Stream<Path> s = Files.list(part)) {
                s.filter(p -> !p.getFileName().toString().startsWith(".") && !p.getFileName().toString().startsWith("_"))
                        .filter(p -> p.getFileName().toString().endsWith(".parquet"))
                        .sorted().forEach(p -> out.add(p.toAbsolutePath().toString()));
            }
        }
        if (out.isEmpty()) {
            throw new IllegalStateException("no " + dataset + " files in " + range);
        }
        return "read_parquet([" + out.stream().map(f -> "'" + f.replace("'", "''") + "'")
                .collect(Collectors.joining(", ")) + "])";
    }
}
