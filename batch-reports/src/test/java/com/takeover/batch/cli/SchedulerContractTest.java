package com.takeover.batch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.takeover.batch.lake.SampleLake;
import com.takeover.batch.testing.SparkTestSession;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** What a scheduler relies on: exit codes, idempotent reruns, atomic replacement, _SUCCESS. */
class SchedulerContractTest {
    static final LocalDate FROM = LocalDate.of(2024, 3, 1);
    static final String DATE = "2024-03-08";
    @TempDir
    static Path dir;
    static Path lake;

    @BeforeAll
    static void lake() throws IOException {
        SparkTestSession.get();
        lake = dir.resolve("lake");
        SampleLake.write(lake, new SampleLake.Config(FROM, 8, 60, 7, 0.1, Map.of(), 0.9));
    }

    @AfterEach
    void clearInjection() {
        System.clearProperty("takeover.batch.failAfterTables");
    }

    record Result(int code, String out, String err) {}

    static Result cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = BatchCli.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    static String[] nightly(Path out, String... more) {
        String[] base = {"nightly", "--date", DATE, "--lake", lake.toString(), "--out", out.toString(),
            "--lookback-days", "3", "--window-days", "3", "--trend-days", "7", "--shuffle-partitions", "2"};
        return Stream.concat(Stream.of(base), Stream.of(more)).toArray(String[]::new);
    }

    /** Every file under a folder with its bytes, by relative path. */
    static Map<String, byte[]> snapshot(Path root) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return files;
    }

    @Test
    void rerunGivesIdenticalBytesAndEveryDateHasItsMarker() throws IOException {
        Path out = dir.resolve("idempotent");
        Result first = cli(nightly(out));
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out().lines()).containsExactly(
                out.resolve("dt=2024-03-06/report.html").toString(),
                out.resolve("dt=2024-03-07/report.html").toString(),
                out.resolve("dt=2024-03-08/report.html").toString());
        Map<String, byte[]> a = snapshot(out);
        assertThat(a.keySet()).contains("dt=2024-03-08/_SUCCESS", "dt=2024-03-08/intervention_effect.csv",
                "dt=2024-03-08/intervention_effect.parquet", "dt=2024-03-08/charts/forest.png",
                "dt=2024-03-08/charts/trend.png", "dt=2024-03-08/charts/alert_precision.png",
                "dt=2024-03-08/charts/timing.png", "dt=2024-03-08/report.html", "dt=2024-03-06/_SUCCESS");
        assertThat(a.keySet()).noneMatch(k -> k.startsWith("_") || k.endsWith(".crc"));

        Result second = cli(nightly(out));
        assertThat(second.code()).isZero();
        Map<String, byte[]> b = snapshot(out);
        assertThat(b.keySet()).isEqualTo(a.keySet());
        a.forEach((name, bytes) -> assertThat(b.get(name)).as(name).isEqualTo(bytes));
    }

    @Test
    void runThatFailsMidwayLeavesPreviousOutputsIntact() throws IOException {
        Path out = dir.resolve("atomic");
        assertThat(cli(nightly(out)).code()).isZero();
        Map<String, byte[]> before = snapshot(out);

        // A later run with different settings dies after writing the tables of its second date
        System.setProperty("takeover.batch.failAfterTables", "2024-03-07");
        Result failed = cli(nightly(out, "--risk-bins", "4"));
        assertThat(failed.code()).isEqualTo(1);
        assertThat(failed.err()).contains("injected failure after the tables of 2024-03-07");

        Map<String, byte[]> after = snapshot(out);
        // The first date was swapped in whole; the failed date and the one after are exactly as before
        assertThat(after.get("dt=2024-03-06/intervention_effect.csv"))
                .isNotEqualTo(before.get("dt=2024-03-06/intervention_effect.csv"));
        assertThat(after).containsKey("dt=2024-03-06/_SUCCESS");
        for (String name : before.keySet()) {
            if (!name.startsWith("dt=2024-03-06")) {
                assertThat(after.get(name)).as(name).isEqualTo(before.get(name));
            }
        }
        assertThat(after.keySet().stream().filter(k -> !k.startsWith("dt=2024-03-06")))
                .noneMatch(k -> !before.containsKey(k));
        // The next run clears the half-written staging folder and completes
        System.clearProperty("takeover.batch.failAfterTables");
        assertThat(cli(nightly(out, "--risk-bins", "4")).code()).isZero();
        assertThat(out.resolve("_staging")).doesNotExist();
    }

    @Test
    void corruptInputFileExitsThreeNamingIt() throws IOException {
        Path broken = dir.resolve("broken-lake");
        SampleLake.write(broken, new SampleLake.Config(FROM, 8, 5, 7, 0.1, Map.of(), 0.9));
        Path bad = broken.resolve("takeovers/dt=2024-03-07/part-00000.parquet");
        Files.write(bad, new byte[] {'P', 'A', 'R', '1', 0, 0, 0});
        Path out = dir.resolve("broken-out");
        Result r = cli("nightly", "--date", DATE, "--lake", broken.toString(), "--out", out.toString());
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains("error: invalid takeovers file").contains(bad.toString());
        assertThat(out).doesNotExist();
    }

    @Test
    void missingInputExitsThree() {
        Result noLake = cli("nightly", "--date", DATE, "--lake", dir.resolve("nowhere").toString(),
                "--out", dir.resolve("x").toString());
        assertThat(noLake.code()).isEqualTo(3);
        assertThat(noLake.err()).contains(dir.resolve("nowhere").resolve("conversations").toString());

        Result noCsv = cli(nightly(dir.resolve("y"), "--outcomes", dir.resolve("missing.csv").toString()));
        assertThat(noCsv.code()).isEqualTo(3);
        assertThat(noCsv.err()).contains("missing.csv");

        Result noData = cli("nightly", "--date", "2023-01-01", "--lake", lake.toString(), "--out", dir.resolve("z").toString());
        assertThat(noData.code()).isEqualTo(3);
        assertThat(noData.err()).contains("no conversation files");
    }

    @Test
    void badArgumentsExitTwo() {
        assertThat(cli("nightly").code()).isEqualTo(2);
        assertThat(cli("nightly", "--date", "2024-13-45").code()).isEqualTo(2);
        assertThat(cli("nightly", "--date", DATE, "--lookback-days", "0").code()).isEqualTo(2);
        assertThat(cli("backfill", "--from", "2024-03-08", "--to", "2024-03-01").code()).isEqualTo(2);
        assertThat(cli("nightly", "--date", DATE, "--risk-bins", "0").code()).isEqualTo(2);
        assertThat(cli("frobnicate").code()).isEqualTo(2);
        assertThat(cli().code()).isEqualTo(2);
        assertThat(cli("nightly", "--help").code()).isZero();
    }

    @Test
    void backfillMatchesNightlyForTheSameDates() throws IOException {
        Path nightlyOut = dir.resolve("n");
        Path backfillOut = dir.resolve("b");
        assertThat(cli(nightly(nightlyOut)).code()).isZero();
        Result r = cli("backfill", "--from", "2024-03-06", "--to", DATE, "--lake", lake.toString(), "--out",
                backfillOut.toString(), "--window-days", "3", "--trend-days", "7", "--shuffle-partitions", "2");
        assertThat(r.code()).as(r.err()).isZero();
        Map<String, byte[]> n = snapshot(nightlyOut);
        Map<String, byte[]> b = snapshot(backfillOut);
        assertThat(b.keySet()).isEqualTo(n.keySet());
        n.forEach((name, bytes) -> assertThat(b.get(name)).as(name).isEqualTo(bytes));
    }
}
