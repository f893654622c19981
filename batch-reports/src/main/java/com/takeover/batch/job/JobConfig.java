package com.takeover.batch.job;

import com.takeover.batch.reports.ReportSettings;
import java.time.LocalDate;
import java.util.List;

/**
 * One run: which dates to (re)build and with which inputs.
 *
 * @param lake lake root (conversations/, alerts/, takeovers/, outcomes/)
 * @param outcomes an outcomes CSV export or Parquet folder instead of the lake's outcomes/, or null
 * @param out report root; each date goes to {@code <out>/dt=YYYY-MM-DD/}
 * @param dates the report dates, each replaced as a whole
 * @param asOf outcomes known by the end of this date are used (the run date), so a rerun is repeatable
 */
public record JobConfig(String lake, String outcomes, String out, List<LocalDate> dates, LocalDate asOf,
        ReportSettings settings) {
    public JobConfig {
        dates = List.copyOf(dates.stream().sorted().distinct().toList());
        if (dates.isEmpty()) {
            throw new IllegalArgumentException("no dates to build");
        }
    }
}
