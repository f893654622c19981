package com.takeover.batch.render;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import com.takeover.batch.reports.AiGapsReport;
import com.takeover.batch.reports.AlertEffectivenessReport;
import com.takeover.batch.reports.DataQualityReport;
import com.takeover.batch.reports.InterventionEffectReport;
import com.takeover.batch.reports.ReportContext;
import com.takeover.batch.reports.Table;
import com.takeover.batch.reports.TakeoverTimingReport;
import com.takeover.batch.reports.TrendReport;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Writes one date's charts (charts/*.png) and report.html from its finished tables. */
public final class ReportRenderer {
    private static final Template TEMPLATE = load();

    private ReportRenderer() {}

    private static Template load() {
        try (Reader r = new InputStreamReader(ReportRenderer.class.getResourceAsStream("report.mustache"),
                StandardCharsets.UTF_8)) {
            return Mustache.compiler().defaultValue("")
                    .withLoader(name -> new InputStreamReader(
                            ReportRenderer.class.getResourceAsStream(name + ".mustache"), StandardCharsets.UTF_8))
                    .compile(r);
        } catch (IOException e) {
            throw new IllegalStateException("report template missing", e);
        }
    }

    public static void render(List<Table> tables, ReportContext ctx, LocalDate asOf, FileSystem fs, Path dir)
            throws IOException {
        Map<String, Table> byName = new HashMap<>();
        tables.forEach(t -> byName.put(t.name(), t));
        Table effect = byName.get(InterventionEffectReport.NAME);
        Table gaps = byName.get(AiGapsReport.NAME);
        Table alerts = byName.get(AlertEffectivenessReport.NAME);
        Table timing = byName.get(TakeoverTimingReport.NAME);
        Table trend = byName.get(TrendReport.NAME);
        Table quality = byName.get(DataQualityReport.NAME);

        Path charts = new Path(dir, "charts");
        fs.mkdirs(charts);
        write(fs, new Path(charts, "forest.png"), Charts.forest(Findings.forestRows(effect, 18)));
        write(fs, new Path(charts, "trend.png"), Charts.trend(trend));
        write(fs, new Path(charts, "alert_precision.png"), Charts.alertPrecision(alerts));
        write(fs, new Path(charts, "timing.png"), Charts.timing(timing,
                List.of(TakeoverTimingReport.TURNS.name(), TakeoverTimingReport.MINUTES.name(),
                        TakeoverTimingReport.AFTER_ALERT.name())));

        Map<String, Object> model = new LinkedHashMap<>();
        model.put("date", ctx.date().toString());
        model.put("window", ctx.window().toString());
        model.put("windowDays", ctx.settings().windowDays());
        model.put("asOf", asOf.toString());
        model.put("trendDays", ctx.settings().trendDays());
        model.put("riskBins", ctx.settings().riskBins());
        model.put("minPerArm", ctx.settings().minPerArm());
        model.put("actedWithin", ctx.settings().actedWithinMinutes());
        model.put("highRisk", Findings.num(ctx.settings().highRisk(), 2));
        model.put("headlines", Findings.headlines(effect, gaps, alerts, timing, quality));
        model.put("effect", Map.of("sentence", Findings.effectSentence(effect), "table",
                HtmlTable.of(Findings.effectView(effect, 15))));
        model.put("gaps", Map.of("sentence", Findings.gapsSentence(gaps), "table", HtmlTable.of(Findings.gapsView(gaps))));
        model.put("alerts", Map.of("sentence", Findings.alertsSentence(alerts), "chartSentence",
                Findings.alertChartSentence(alerts), "table", HtmlTable.of(Findings.alertsView(alerts))));
        model.put("timing", Map.of("sentence", Findings.timingSentence(timing), "table",
                HtmlTable.of(Findings.timingView(timing))));
        model.put("trend", Map.of("sentence", Findings.trendSentence(trend), "table", HtmlTable.of(Findings.trendView(trend))));
        model.put("quality", Map.of("sentence", Findings.qualitySentence(quality), "table", HtmlTable.of(quality)));
        String html = TEMPLATE.execute(model);
        write(fs, new Path(dir, "report.html"), html.getBytes(StandardCharsets.UTF_8));
    }

    private static void write(FileSystem fs, Path p, byte[] bytes) throws IOException {
        try (OutputStream o = fs.create(p, true)) {
            o.write(bytes);
        }
    }

    /** A table as the template shows it: header cells and rows of formatted cells. */
    public record HtmlTable(List<String> header, List<Map<String, Object>> rows) {
        static HtmlTable of(Table t) {
            List<String> header = t.columns().stream().map(Table.Column::name).toList();
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Object[] r : t.rows()) {
                List<Map<String, String>> cells = new ArrayList<>();
                for (int i = 0; i < r.length; i++) {
                    String cls = t.columns().get(i).type() == Table.Type.STRING ? "" : "num";
                    cells.add(Map.of("v", Findings.format(r[i], t.columns().get(i).name()), "cls", cls));
                }
                rows.add(Map.of("cells", cells));
            }
            return new HtmlTable(header, rows);
        }
    }

    static String fmt(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
