package com.takeover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.takeover.schema.ConversationSummary;
import com.takeover.schema.TakeoverAlert;
import com.takeover.schema.TakeoverRecord;
import com.takeover.testing.LakeFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's main command, short: a real broker, the job on a local cluster, the simulator, a drain. What the
 * demo prints must be what reached the lake. (The nightly report at its end runs the batch module's launcher
 * command, tested there.)
 */
class DemoCommandTest {

    static CliRun demo(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "demo";
        System.arraycopy(args, 0, all, 1, args.length);
        return CliRun.withStdio("", all);
    }

    static long figure(String out, String regex) {
        Matcher m = Pattern.compile(regex, Pattern.MULTILINE).matcher(out);
        assertThat(m.find()).as("'%s' in the summary:%n%s", regex, out).isTrue();
        return Long.parseLong(m.group(1).replace(",", ""));
    }

    static int rows(Map<String, ? extends List<?>> partitions) {
        return partitions.values().stream().mapToInt(List::size).sum();
    }

    @Test
    void aShortDemoSummarisesWhatReachedTheLake(@TempDir Path dir) throws Exception {
        Path lake = dir.resolve("demo-lake");
        // step 1: a simulated day compressed into 20 s, no report
        CliRun run = demo("--duration", "20s", "--day", "2026-03-02", "--lake", lake.toString(), "--no-report",
                "--alert-lines", "0", "--seed", "7");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("demo: Broker ready on localhost:", "demo: Flink job running",
                "demo: Stopping the job (drain");

        // step 2: every conversation started also ended, and the lake holds one summary for each
        long started = figure(run.out(), "^conversations\\s+([\\d,]+) started");
        long ended = figure(run.out(), "started, ([\\d,]+) ended");
        assertThat(started).isPositive().isEqualTo(ended);
        Map<String, List<ConversationSummary>> conversations =
                LakeFiles.read(lake.resolve("conversations"), ConversationSummary.class);
        assertThat(conversations).containsKey("dt=2026-03-02");
        assertThat(rows(conversations)).isEqualTo(started);

        // step 3: the alerts the demo counted on Kafka and the takeovers it simulated are the lake's
        long alerts = figure(run.out(), "^alerts\\s+([\\d,]+) \\(");
        long takeovers = figure(run.out(), "^takeovers\\s+([\\d,]+) \\(");
        assertThat(alerts).isPositive();
        assertThat(takeovers).isPositive();
        assertThat(rows(LakeFiles.read(lake.resolve("alerts"), TakeoverAlert.class))).isEqualTo(alerts);
        assertThat(rows(LakeFiles.read(lake.resolve("takeovers"), TakeoverRecord.class))).isEqualTo(takeovers);

        // step 4: outcomes for the nightly report
        assertThat(figure(run.out(), "^outcomes written\\s+([\\d,]+)")).isPositive();
        assertThat(LakeFiles.committedFiles(lake.resolve("outcomes"))).isNotEmpty();
    }

    @Test
    void aLakeDirectoryHoldingAnythingElseIsRefusedAndLeftAsItIs(@TempDir Path dir) throws Exception {
        Path notALake = dir.resolve("home");
        Files.createDirectories(notALake);
        Files.writeString(notALake.resolve("thesis.txt"), "four years of work");

        CliRun run = demo("--duration", "20s", "--lake", notALake.toString(), "--no-report");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("is not a lake (it holds thesis.txt)");
        assertThat(notALake.resolve("thesis.txt")).hasContent("four years of work");
    }
}
