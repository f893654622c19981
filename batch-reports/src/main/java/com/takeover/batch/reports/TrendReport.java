package com.takeover.batch.reports;

import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

/** Report 5: the last {@code trendDays} days, one row per day (days without data have zero volume). */
public final class TrendReport {
    public static final String NAME = "trend";

    private TrendReport() {}

    public static Table build(ReportContext ctx) {
        // conversations, takenOver, withOutcome, resolved, CSAT answers, CSAT sum
        Map<LocalDate, long[]> byDay = new TreeMap<>();
        for (FactCells.Cell c : ctx.cellsIn(ctx.trendRange())) {
            long n = c.get(FactCells.N);
            byDay.merge(c.day(), new long[] {n, c.takenOver() ? n : 0, c.hasOutcome() ? n : 0,
                c.get(FactCells.RESOLVED), c.get(FactCells.CSAT_N), c.get(FactCells.CSAT_SUM)}, Sums::add);
        }
        Table.Builder b = Table.builder(NAME)
                .string("date", "UTC date the conversations ended")
                .lng("conversations", "conversations that ended that day")
                .lng("takenOver", "of which a human took over")
                .dbl("takeoverRate", "takenOver / conversations")
                .lng("withOutcome", "conversations with a known outcome")
                .dbl("resolutionRate", "resolved / withOutcome")
                .dbl("meanCsat", "mean CSAT of those that answered the survey");
        for (LocalDate d : ctx.trendRange().days()) {
            long[] s = byDay.getOrDefault(d, new long[6]);
            b.row(d.toString(), s[0], s[1], Rates.ratio(s[1], s[0]), s[2], Rates.ratio(s[3], s[2]),
                    Rates.ratio(s[5], s[4]));
        }
        return b.build();
    }
}
