package com.takeover.batch.render;

import com.takeover.batch.reports.Table;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.text.SimpleDateFormat;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.labels.StandardXYItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.CombinedRangeCategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.time.Day;
import org.jfree.data.time.TimeSeries;
import org.jfree.data.time.TimeSeriesCollection;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The report's charts as PNG bytes. Fixed sizes, fonts, colours and UTC/ROOT-locale axes, so the
 * same table renders to the same bytes.
 */
public final class Charts {
    static final int WIDTH = 900;
    /** Fewest outcomes behind a plotted timing point. */
    static final int MIN_POINT = 5;
    private static final Font TITLE = new Font("DejaVu Sans", Font.BOLD, 15);
    private static final Font SMALL = new Font("DejaVu Sans", Font.PLAIN, 11);
    private static final Color BLUE = new Color(0x1f, 0x5f, 0xa8);
    private static final Color ORANGE = new Color(0xd9, 0x6c, 0x1e);
    private static final Color GREY = new Color(0x88, 0x88, 0x88);
    private static final TimeZone UTC = TimeZone.getTimeZone(ZoneOffset.UTC);

    private Charts() {}

    /** One row of the forest plot. */
    public record ForestRow(String label, double naive, double adjusted, double low, double high) {}

    public static byte[] forest(List<ForestRow> rows) throws IOException {
        XYIntervalSeries adjusted = new XYIntervalSeries("risk-adjusted difference, 95% interval");
        XYIntervalSeries naive = new XYIntervalSeries("naive difference (biased)");
        String[] labels = new String[Math.max(1, rows.size())];
        if (rows.isEmpty()) {
            labels[0] = "(no conversation type with enough data)";
        }
        for (int i = 0; i < rows.size(); i++) {
            ForestRow r = rows.get(i);
            int y = rows.size() - 1 - i; // first row on top
            labels[y] = r.label();
            adjusted.add(r.adjusted() * 100, r.low() * 100, r.high() * 100, y, y, y);
            if (!Double.isNaN(r.naive())) {
                naive.add(r.naive() * 100, r.naive() * 100, r.naive() * 100, y, y, y);
            }
        }
        XYIntervalSeriesCollection data = new XYIntervalSeriesCollection();
        data.addSeries(adjusted);
        data.addSeries(naive);
        XYErrorRenderer renderer = new XYErrorRenderer();
        renderer.setDrawYError(false);
        renderer.setDrawXError(true);
        renderer.setErrorPaint(BLUE);
        renderer.setErrorStroke(new BasicStroke(2f));
        renderer.setCapLength(6);
        renderer.setDefaultLinesVisible(false);
        renderer.setSeriesPaint(0, BLUE);
        renderer.setSeriesShape(0, new Rectangle2D.Double(-4, -4, 8, 8));
        renderer.setSeriesPaint(1, GREY);
        renderer.setSeriesShape(1, new Ellipse2D.Double(-3.5, -3.5, 7, 7));
        renderer.setSeriesShapesFilled(1, false);
        NumberAxis x = new NumberAxis("taken over minus AI-only, resolution rate (percentage points)");
        SymbolAxis y = new SymbolAxis(null, labels);
        y.setGridBandsVisible(false);
        y.setTickLabelFont(SMALL);
        XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.setOrientation(PlotOrientation.VERTICAL);
        plot.addDomainMarker(new ValueMarker(0, Color.BLACK, new BasicStroke(1f)));
        style(plot);
        JFreeChart chart = chart("Where intervention pays: effect of a takeover by conversation type", plot, true);
        return png(chart, WIDTH, 140 + 28 * Math.max(3, rows.size()));
    }

    /** Trend: volume, then takeover and resolution rates, then CSAT, over the same dates. */
    public static byte[] trend(Table trend) throws IOException {
        TimeSeries volume = new TimeSeries("conversations");
        TimeSeries takeover = new TimeSeries("takeover rate");
        TimeSeries resolution = new TimeSeries("resolution rate");
        TimeSeries csat = new TimeSeries("mean CSAT");
        for (int r = 0; r < trend.rows().size(); r++) {
            LocalDate d = LocalDate.parse(trend.str(r, "date"));
            Day day = new Day(java.util.Date.from(d.atStartOfDay(ZoneOffset.UTC).toInstant()), UTC, Locale.ROOT);
            volume.add(day, trend.lng(r, "conversations"));
            addIfDefined(takeover, day, trend.dbl(r, "takeoverRate") * 100);
            addIfDefined(resolution, day, trend.dbl(r, "resolutionRate") * 100);
            addIfDefined(csat, day, trend.dbl(r, "meanCsat"));
        }
        DateAxis dates = new DateAxis("date (UTC)", UTC, Locale.ROOT);
        SimpleDateFormat fmt = new SimpleDateFormat("MM-dd", Locale.ROOT);
        fmt.setTimeZone(UTC);
        dates.setDateFormatOverride(fmt);
        CombinedDomainXYPlot combined = new CombinedDomainXYPlot(dates);
        combined.setGap(8);

        XYBarRenderer bars = new XYBarRenderer(0.2);
        bars.setShadowVisible(false);
        bars.setBarPainter(new org.jfree.chart.renderer.xy.StandardXYBarPainter());
        bars.setSeriesPaint(0, new Color(0x9d, 0xb9, 0xd9));
        XYPlot p1 = new XYPlot(new TimeSeriesCollection(volume, UTC), null, new NumberAxis("conversations"), bars);
        style(p1);
        combined.add(p1, 2);

        TimeSeriesCollection rates = new TimeSeriesCollection(UTC);
        rates.addSeries(takeover);
        rates.addSeries(resolution);
        NumberAxis pct = new NumberAxis("%");
        pct.setRange(0, 100);
        XYPlot p2 = new XYPlot(rates, null, pct, lines(ORANGE, BLUE));
        style(p2);
        combined.add(p2, 3);

        NumberAxis csatAxis = new NumberAxis("CSAT");
        csatAxis.setRange(1, 5);
        XYPlot p3 = new XYPlot(new TimeSeriesCollection(csat, UTC), null, csatAxis, lines(new Color(0x2e, 0x8b, 0x57)));
        style(p3);
        combined.add(p3, 2);
        return png(chart("Trend: volume, takeover and resolution rates, CSAT", combined, true), WIDTH, 560);
    }

    private static void addIfDefined(TimeSeries s, Day d, double v) {
        if (!Double.isNaN(v)) {
            s.add(d, v);
        }
    }

    /** Alert precision against volume, one labelled point per rule. */
    public static byte[] alertPrecision(Table alerts) throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        List<String> names = new ArrayList<>();
        XYSeries points = new XYSeries("rules", false, true);
        for (int r = 0; r < alerts.rows().size(); r++) {
            String rule = alerts.str(r, "ruleId");
            double precision = alerts.dbl(r, "precision");
            if (rule.equals("*") || Double.isNaN(precision)) {
                continue;
            }
            points.add(alerts.dbl(r, "alertsPerHour"), precision * 100);
            names.add(rule);
        }
        data.addSeries(points);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
        renderer.setSeriesPaint(0, BLUE);
        renderer.setSeriesShape(0, new Ellipse2D.Double(-5, -5, 10, 10));
        renderer.setDefaultItemLabelGenerator(new StandardXYItemLabelGenerator() {
            @Override
            public String generateLabel(org.jfree.data.xy.XYDataset dataset, int series, int item) {
                return item < names.size() ? names.get(item) : "";
            }
        });
        renderer.setDefaultItemLabelsVisible(true);
        renderer.setDefaultItemLabelFont(SMALL);
        NumberAxis x = new NumberAxis("alerts per hour");
        NumberAxis y = new NumberAxis("precision: alerted conversations in trouble (%)");
        y.setRange(0, 105);
        XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.addRangeMarker(new ValueMarker(40, ORANGE, new BasicStroke(1f, BasicStroke.CAP_BUTT,
                BasicStroke.JOIN_MITER, 1f, new float[] {4f, 4f}, 0f)));
        style(plot);
        return png(chart("Alert rules: precision against volume (below the dashed line: tighten)", plot, false), WIDTH, 420);
    }

    /** Resolution rate by when the takeover happened, in turns and in minutes. */
    public static byte[] timing(Table timing, List<String> dimensions) throws IOException {
        NumberAxis range = new NumberAxis("resolved (%)");
        range.setRange(0, 100);
        CombinedRangeCategoryPlot combined = new CombinedRangeCategoryPlot(range);
        combined.setGap(16);
        for (String dim : dimensions) {
            DefaultCategoryDataset data = new DefaultCategoryDataset();
            for (int r = 0; r < timing.rows().size(); r++) {
                if (timing.str(r, "dimension").equals(dim)) {
                    // A rate from one or two conversations is noise: leave a gap instead
                    double v = timing.lng(r, "withOutcome") < MIN_POINT ? Double.NaN : timing.dbl(r, "resolvedRate");
                    data.addValue(Double.isNaN(v) ? null : v * 100, "resolved", timing.str(r, "bucket"));
                }
            }
            LineAndShapeRenderer renderer = new LineAndShapeRenderer(true, true);
            renderer.setSeriesPaint(0, BLUE);
            renderer.setSeriesStroke(0, new BasicStroke(2f));
            CategoryAxis axis = new CategoryAxis(dim);
            axis.setCategoryLabelPositions(CategoryLabelPositions.STANDARD);
            axis.setMaximumCategoryLabelWidthRatio(1.6f);
            axis.setCategoryMargin(0.05);
            axis.setTickLabelFont(SMALL);
            CategoryPlot p = new CategoryPlot(data, axis, null, renderer);
            p.setBackgroundPaint(Color.WHITE);
            p.setRangeGridlinePaint(new Color(0xdd, 0xdd, 0xdd));
            combined.add(p, 1);
        }
        JFreeChart chart = new JFreeChart(null, TITLE, combined, false);
        chart.setTitle(new TextTitle("Takeover timing: resolution rate by when the human stepped in (5+ outcomes per point)", TITLE));
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        return png(chart, WIDTH, 380);
    }

    private static XYLineAndShapeRenderer lines(Color... colors) {
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < colors.length; i++) {
            r.setSeriesPaint(i, colors[i]);
            r.setSeriesStroke(i, new BasicStroke(2f));
            r.setSeriesShape(i, new Ellipse2D.Double(-2.5, -2.5, 5, 5));
        }
        return r;
    }

    private static void style(XYPlot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdd, 0xdd, 0xdd));
        plot.setRangeGridlinePaint(new Color(0xdd, 0xdd, 0xdd));
        plot.setAxisOffset(new RectangleInsets(4, 4, 4, 4));
    }

    private static JFreeChart chart(String title, org.jfree.chart.plot.Plot plot, boolean legend) {
        JFreeChart chart = new JFreeChart(title, TITLE, plot, legend);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        if (legend) {
            chart.getLegend().setItemFont(SMALL);
        }
        return chart;
    }

    private static byte[] png(JFreeChart chart, int width, int height) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ChartUtils.writeChartAsPNG(out, chart, width, height);
        return out.toByteArray();
    }

}
