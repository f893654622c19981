package com.takeover.batch.reports;

import static com.takeover.batch.reports.Sums.countIf;
import static com.takeover.batch.reports.Sums.total;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;

import java.time.LocalDate;
import java.util.Map;

/** Report 5: the last {@code trendDays} days, one row per day (days without data have zero volume). */
public final class TrendReport {
    public static final String NAME = "trend";

    private TrendReport() {}

    public static Table build(ReportContext ctx) {
        Map<String, long[]> byDay = Sums.byKey(ctx.factsIn(ctx.trendRange()), col("endDate").cast("string"),
                Sums.rows(), countIf(col("takenOver")), countIf(col("hasOutcome")),
                countIf(col("resolved").equalTo(1)), count(col("csat")), total(col("csat")));
        Table.Builder b = Table.builder(NAME)
                .string("date", "UTC date the conversations ended")
                .lng("conversations", "conversations that ended that day")
                .lng("takenOver", "of which a human took over")
                .dbl("takeoverRate", "takenOver / conversations")
                .lng("withOutcome", "conversations with a known outcome")
                .dbl("resolutionRate", "resolved / withOutcome")
                .dbl("meanCsat", "mean CSAT of those that answered the survey");
        for (LocalDate d : ctx.trendRange().days()) {
            long[] s = byDay.getOrDefault(d.toString(), new long[6]);
            b.row(d.toString(), s[0], s[1], Rates.ratio(s[1], s[0]), s[2], Rates.ratio(s[3], s[2]),
                    Rates.ratio(s[5], s[4]));
        }
        return b.build();
    }
}
