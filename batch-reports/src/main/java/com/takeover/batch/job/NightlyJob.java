package com.takeover.batch.job;

import com.takeover.batch.lake.DateRange;
import com.takeover.batch.lake.LakeRead;
import com.takeover.batch.lake.LakeReader;
import com.takeover.batch.render.ReportRenderer;
import com.takeover.batch.render.TableFiles;
import com.takeover.batch.reports.AiGapsReport;
import com.takeover.batch.reports.AlertEffectivenessReport;
import com.takeover.batch.reports.ConversationFacts;
import com.takeover.batch.reports.DataQualityReport;
import com.takeover.batch.reports.InterventionEffectReport;
import com.takeover.batch.reports.ReportContext;
import com.takeover.batch.reports.ReportSettings;
import com.takeover.batch.reports.RunSums;
import com.takeover.batch.reports.Table;
import com.takeover.batch.reports.TakeoverTimingReport;
import com.takeover.batch.reports.TrendReport;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The nightly run: read what the requested dates need, build each date's tables, charts and
 * report.html in a staging folder, and swap it in. Inputs are checked before anything is written.
 */
public final class NightlyJob {
    private static final Logger LOG = LoggerFactory.getLogger(NightlyJob.class);

    private NightlyJob() {}

    /** What the run needs to read: every date's window, the window before it, and its trend. */
    static DateRange readRange(JobConfig cfg) {
        ReportSettings s = cfg.settings();
        LocalDate first = cfg.dates().get(0);
        LocalDate last = cfg.dates().get(cfg.dates().size() - 1);
        int back = Math.max(s.trendDays(), 2 * s.windowDays());
        return new DateRange(first.minusDays(back - 1L), last);
    }

    public static JobResult run(SparkSession spark, JobConfig cfg) throws IOException {
        ReportSettings s = cfg.settings();
        DateRange range = readRange(cfg);
        DateRange outcomeRange = new DateRange(range.from(), cfg.asOf().isAfter(range.to()) ? cfg.asOf() : range.to());
        long cutoff = DateRange.of(cfg.asOf()).endMillisExclusive();
        LOG.info("building dt={} from lake {} (reading {}, outcomes known by end of {})",
                new DateRange(cfg.dates().get(0), cfg.dates().get(cfg.dates().size() - 1)), cfg.lake(), range, cfg.asOf());

        // Every input is opened and checked before the first byte is written
        LakeReader lake = new LakeReader(spark, cfg.lake());
        LakeRead conversations = lake.conversations(range);
        LakeRead alerts = lake.alerts(range);
        LakeRead takeovers = lake.takeovers(range);
        LakeRead outcomes = lake.outcomes(outcomeRange, cfg.outcomes());
        if (conversations.files().isEmpty()) {
            throw new com.takeover.batch.lake.LakeInputException("missing input: no conversation files under "
                    + new Path(cfg.lake(), "conversations") + " for dt=" + range);
        }
        checkPartitions(cfg, conversations);

        // Not cached: the facts' pass joins them and counts them (the window runs twice over the few outcomes, which
        // costs less than building a cache)
        Dataset<Row> latest = ConversationFacts.latestOutcomes(outcomes.rows(), cutoff);
        // Alerts and takeovers are scanned once per report date (takeovers once more for the sums): caching them
        // pays only when several dates are built
        boolean severalDates = cfg.dates().size() > 1;
        Dataset<Row> alertRows = severalDates ? alerts.rows().persist(StorageLevel.MEMORY_AND_DISK()) : alerts.rows();
        Dataset<Row> takeoverRows = severalDates ? takeovers.rows().persist(StorageLevel.MEMORY_AND_DISK())
                : takeovers.rows();
        try {
            // The facts are summed once for every date of the run, each date's reports roll up its windows. They are
            // not cached: the sums read them in one pass, and a columnar cache of every conversation costs more to
            // build than computing them.
            Dataset<Row> facts = ConversationFacts.build(conversations.rows(), latest, s);
            RunSums sums = new RunSums(facts, alertRows, takeoverRows, latest);
            List<ReportContext> contexts = new ArrayList<>();
            for (LocalDate d : cfg.dates()) {
                contexts.add(new ReportContext(d, s, facts, alertRows, takeoverRows, sums));
            }
            long t0 = System.nanoTime();
            int cells = sums.computeAll(contexts);
            LOG.info("summed the facts, the latest outcomes and the alerts of {} window(s) into {} cells in {} ms",
                    contexts.size(), cells, (System.nanoTime() - t0) / 1_000_000);
            DataQualityReport.Inputs inputs = new DataQualityReport.Inputs(conversations.files().size(),
                    conversations.rowCount(), alerts.rowCount(), takeovers.rowCount(), outcomes.rowCount(),
                    outcomes.rejectedRows(), String.join(" | ", outcomes.rejectedSamples()),
                    sums.supersededOutcomes(), orphans(sums.latestOutcomesByKnownDate(),
                            sums.matchedOutcomesByKnownDate()));

            OutputStore store = new OutputStore(cfg.out(), spark.sparkContext().hadoopConfiguration());
            store.recover();
            List<JobResult.DateOutput> written = new ArrayList<>();
            for (ReportContext ctx : contexts) {
                written.add(buildDate(store, ctx, cfg, inputs));
            }
            store.cleanUp();
            return new JobResult(written);
        } finally {
            alertRows.unpersist();
            takeoverRows.unpersist();
        }
    }

    private static JobResult.DateOutput buildDate(OutputStore store, ReportContext ctx, JobConfig cfg,
            DataQualityReport.Inputs inputs) throws IOException {
        LocalDate d = ctx.date();
        Path dir = store.begin(d);
        try {
            List<Table> tables = List.of(
                    timed(() -> InterventionEffectReport.build(ctx)),
                    timed(() -> AiGapsReport.build(ctx)),
                    timed(() -> AlertEffectivenessReport.build(ctx)),
                    timed(() -> TakeoverTimingReport.build(ctx)),
                    timed(() -> TrendReport.build(ctx)),
                    timed(() -> DataQualityReport.build(ctx, inputs)));
            List<String> summary = new ArrayList<>();
            for (Table t : tables) {
                TableFiles.writeCsv(t, store.fs(), new Path(dir, t.name() + ".csv"));
                TableFiles.writeParquet(t, store.conf(), new Path(dir, t.name() + ".parquet"));
                summary.add(t.name() + " " + t.rows().size() + " rows");
            }
            FailureInjection.afterTables(d);
            ReportRenderer.render(tables, ctx, cfg.asOf(), store.fs(), dir);
            Path live = store.publish(d);
            LOG.info("wrote {}: {}", live, String.join(", ", summary));
            return new JobResult.DateOutput(d.toString(), live.toString(), new Path(live, "report.html").toString(),
                    summary);
        } catch (IOException | RuntimeException e) {
            store.abandon(d);
            throw e;
        }
    }

    /**
     * The date asked for must have its conversations partition: without it the reports would quietly leave
     * that day out (the streaming job down, or its lake for the day lost). Earlier report dates without one
     * are read as days without conversations, with a warning (a new lake has no history yet).
     */
    private static void checkPartitions(JobConfig cfg, LakeRead conversations) {
        List<LocalDate> dates = cfg.dates();
        for (int i = 0; i < dates.size(); i++) {
            String partition = "dt=" + dates.get(i);
            if (conversations.files().stream().anyMatch(f -> f.contains("/" + partition + "/"))) {
                continue;
            }
            Path dir = new Path(new Path(cfg.lake(), "conversations"), partition);
            if (i == dates.size() - 1) {
                throw new com.takeover.batch.lake.LakeInputException("missing input: no conversation files in " + dir
                        + ", the date asked for (is the streaming job's lake for that day missing?)");
            }
            LOG.warn("no conversation files in {}: read as a day without conversations", dir);
        }
    }

    /** Builds a table and logs how long it took (where a slow night went). */
    private static Table timed(java.util.function.Supplier<Table> build) {
        long t0 = System.nanoTime();
        Table t = build.get();
        LOG.info("built {} in {} ms", t.name(), (System.nanoTime() - t0) / 1_000_000);
        return t;
    }

    /**
     * Latest outcomes whose conversation is not in the lake, by the UTC date they became known: the latest outcomes
     * of each date less those the facts matched to a conversation (days without orphans left out).
     */
    static Map<LocalDate, Long> orphans(Map<LocalDate, Long> latest, Map<LocalDate, Long> matched) {
        Map<LocalDate, Long> out = new TreeMap<>();
        latest.forEach((d, n) -> {
            long orphans = n - matched.getOrDefault(d, 0L);
            if (orphans > 0) {
                out.put(d, orphans);
            }
        });
        return out;
    }
}
