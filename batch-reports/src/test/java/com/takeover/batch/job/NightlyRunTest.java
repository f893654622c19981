package com.takeover.batch.job;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import com.takeover.batch.reports.ReportSettings;
import com.takeover.batch.testing.HandLake;
import com.takeover.batch.testing.SparkTestSession;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole nightly run on the hand lake (numbers in ReportsFixtureTest): what the run computes itself (orphan
 * outcomes), the outcomes it may use (--outcomes-as-of), and what report.html tells a manager.
 */
class NightlyRunTest {
    static final LocalDate D = HandLake.D;
    static final ReportSettings SETTINGS = new ReportSettings(1, 3, 2, 2, 5, 0.7, 20);

    @TempDir
    static Path dir;
    static SparkSession spark;
    static Path lake;
    /** The report of D with the outcomes known by the end of D, and with those known a day later. */
    static Path asOfRunDate;
    static Path asOfNextDay;

    @BeforeAll
    static void runTwice() throws Exception {
        spark = SparkTestSession.get();
        lake = dir.resolve("lake");
        HandLake.write(lake);
        asOfRunDate = run("as-of-run-date", D);
        asOfNextDay = run("as-of-next-day", D.plusDays(1));
    }

    static Path run(String name, LocalDate asOf) throws Exception {
        Path out = dir.resolve(name);
        NightlyJob.run(spark, new JobConfig(lake.toString(), null, out.toString(), List.of(D), asOf, SETTINGS));
        return out.resolve("dt=" + D);
    }

    static Row row(Path report, String table, String column, String value) {
        return spark.read().parquet(report.resolve(table + ".parquet").toString())
                .filter(col(column).equalTo(value)).first();
    }

    static long metric(Path report, String name) {
        return row(report, "data_quality", "metric", name).getAs("value");
    }

    @Test
    void theRunCountsOutcomesWhoseConversationIsNotInTheLake() throws Exception {
        Path report = asOfRunDate;
        // the "ghost" outcome, known on D, has no conversation; c10's outcome is known only on D+1
        assertThat(metric(report, "outcomesWithoutConversation")).isEqualTo(1);
        assertThat(metric(report, "conversationsWithoutOutcomeYet")).isEqualTo(1);
        assertThat(metric(report, "conversationsInWindow")).isEqualTo(11);
        assertThat(metric(report, "outcomesSuperseded")).as("c6's first outcome, restated").isEqualTo(1);
    }

    @Test
    void outcomesAsOfALaterDateUseTheOutcomesThatArrivedSince() throws Exception {
        Row all = row(asOfRunDate, "intervention_effect", "level", "all");
        assertThat((long) all.getAs("pendingOutcome")).isEqualTo(1);
        assertThat((long) all.getAs("takenOverWithOutcome")).isEqualTo(4);

        Path later = asOfNextDay;
        Row allLater = row(later, "intervention_effect", "level", "all");
        assertThat((long) allLater.getAs("pendingOutcome")).as("c10's outcome arrived on D+1").isZero();
        assertThat((long) allLater.getAs("takenOverWithOutcome")).isEqualTo(5);
        assertThat((long) allLater.getAs("conversations")).as("the same conversations: only outcomes move")
                .isEqualTo(11);
        assertThat(Files.readString(later.resolve("report.html")))
                .contains("outcomes known by the end of " + D.plusDays(1));
    }

    @Test
    void reportHtmlShowsEverySectionWithTheTablesNumbersAndItsCharts() throws Exception {
        Path report = asOfRunDate;
        String html = Files.readString(report.resolve("report.html"), StandardCharsets.UTF_8);

        assertThat(html).contains("<title>Takeover report " + D + "</title>",
                "outcomes known by the end of " + D,
                "Headline findings", "1. Where intervention pays", "2. Where the AI needs work",
                "3. Alert effectiveness", "4. Takeover timing", "5. Trend", "Data behind this report",
                "Method and caveats");
        // at least one headline, in plain words
        Matcher headline = Pattern.compile("<ul class=\"headlines\">\\s*<li>([^<]{20,})</li>").matcher(html);
        assertThat(headline.find()).as("a headline finding").isTrue();

        // every chart the page shows was written next to it, as a PNG
        Matcher img = Pattern.compile("<img src=\"([^\"]+)\"").matcher(html);
        int charts = 0;
        while (img.find()) {
            Path png = report.resolve(img.group(1));
            assertThat(png).as(img.group(1)).exists();
            byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(png), 4);
            assertThat(head).as(img.group(1) + " is a PNG").containsExactly(0x89, 'P', 'N', 'G');
            charts++;
        }
        assertThat(charts).isEqualTo(4);

        // the tables on the page are the tables written: the hand-computed figures appear in them
        assertThat(cells(html, "conversationsInWindow")).as("data quality row").contains("11");
        assertThat(cells(html, "outcomesWithoutConversation")).contains("1");
        assertThat(html).contains("risk-high", "human-request", "low-confidence");
    }

    /** The cells of the first table row whose first cell is {@code first}. */
    static List<String> cells(String html, String first) {
        Matcher row = Pattern.compile("<tr>\\s*<td[^>]*>" + Pattern.quote(first) + "</td>(.*?)</tr>", Pattern.DOTALL)
                .matcher(html);
        assertThat(row.find()).as("a table row for " + first).isTrue();
        Matcher cell = Pattern.compile("<td[^>]*>(.*?)</td>", Pattern.DOTALL).matcher(row.group(1));
        List<String> out = new java.util.ArrayList<>();
        while (cell.find()) {
            out.add(cell.group(1).trim());
        }
        return out;
    }
}
