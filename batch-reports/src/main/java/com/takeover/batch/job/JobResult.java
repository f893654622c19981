package com.takeover.batch.job;

import java.util.List;

/** What a run wrote: one folder per date, and the row count of each table. */
public record JobResult(List<DateOutput> outputs) {
    public record DateOutput(String date, String dir, String reportHtml, List<String> tables) {}
}
