package com.takeover.batch.reports;

import java.time.LocalDate;
import java.util.Map;

/**
 * What went in: rows read, outcomes rejected, superseded or without a conversation, and
 * conversations still waiting for their outcome — counted, never silently dropped.
 */
public final class DataQualityReport {
    public static final String NAME = "data_quality";

    /** Run-wide input counts. */
    public record Inputs(long conversationFiles, long conversationRows, long alertRows, long takeoverRows,
            long outcomeRows, long outcomeRowsRejected, String rejectedSamples, long outcomesSuperseded,
            Map<LocalDate, Long> orphanOutcomesByKnownDate) {}

    private DataQualityReport() {}

    public static Table build(ReportContext ctx, Inputs in) {
        long inWindow = 0;
        long pending = 0;
        for (FactCells.Cell c : ctx.cellsIn(ctx.window())) {
            inWindow += c.get(FactCells.N);
            pending += c.hasOutcome() ? 0 : c.get(FactCells.N);
        }
        long orphans = in.orphanOutcomesByKnownDate().entrySet().stream()
                .filter(e -> ctx.window().contains(e.getKey())).mapToLong(Map.Entry::getValue).sum();
        return Table.builder(NAME)
                .string("metric", "what is counted").lng("value", "the count").string("note", "what it means")
                .row("conversationsInWindow", inWindow, "conversations that ended in " + ctx.window())
                .row("conversationsWithoutOutcomeYet", pending, "left out of outcome rates until their outcome arrives")
                .row("outcomesWithoutConversation", orphans,
                        "outcomes known in the window whose conversation is not in the lake read")
                .row("conversationFilesRead", in.conversationFiles(), "Parquet files read for the whole run")
                .row("conversationRowsRead", in.conversationRows(), "rows in those files")
                .row("alertRowsRead", in.alertRows(), "alerts read for the whole run")
                .row("takeoverRowsRead", in.takeoverRows(), "takeovers read for the whole run")
                .row("outcomeRowsRead", in.outcomeRows(), "valid outcome rows read")
                .row("outcomeRowsRejected", in.outcomeRowsRejected(),
                        in.outcomeRowsRejected() == 0 ? "" : "rows of the outcomes CSV that did not parse, e.g. " + in.rejectedSamples())
                .row("outcomesSuperseded", in.outcomesSuperseded(), "older versions of restated outcomes (the latest known wins)")
                .build();
    }
}
