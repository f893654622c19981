package com.takeover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class EvalSentimentCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = Launcher.commandLine(new TakeoverCli());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    private Path write(String name, String content) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, content, StandardCharsets.UTF_8);
        return f;
    }

    @Test
    void printsFiguresPerFileAndVadersPublishedR() throws IOException {
        Path f = write("amazonReviewSnippets_GroundTruth.txt", String.join("\r\n",
                "1_1\t2.5\tI love it, works great!",
                "1_2\t-2.8\tTerrible, it broke after a day.",
                "1_3\t0.1\tIt arrived on Tuesday.",
                "1_4\t-1.5\tStill not working, this is ridiculous.",
                "1_5\t1.9\tThanks so much, problem solved.",
                ""));
        assertThat(run("eval-sentiment", f.toString())).isZero();
        String table = out.toString();
        assertThat(table).contains("amazonReviewSnippets_GroundTruth.txt", "0.565", "pos P", "neg R");
        String row = table.lines().filter(l -> l.startsWith("amazon")).findFirst().orElseThrow();
        // n = 5; every sign right, so precision and recall are 1
        assertThat(row.split("\\s+")).containsSequence("5").contains("1.000");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void unknownFileNameHasNoPublishedR() throws IOException {
        Path f = write("mine.tsv", "a\t1\tgood\nb\t-1\tbad\nc\t0.5\tnice\n");
        assertThat(run("eval-sentiment", f.toString())).isZero();
        String row = out.toString().lines().filter(l -> l.startsWith("mine.tsv")).findFirst().orElseThrow();
        assertThat(row.split("\\s+")[3]).isEqualTo("-");
    }

    @Test
    void malformedLinesAreReportedWithFileAndLineAndCounted() throws IOException {
        Path f = write("mixed.tsv", "a\t1\tgood\nno tabs here\nb\tnot-a-number\tbad\nc\t-1\tawful\nd\t2\tgreat\n");
        assertThat(run("eval-sentiment", f.toString())).isZero();
        assertThat(err.toString())
                .contains(f + ":2: skipped: expected id<TAB>rating<TAB>text")
                .contains(f + ":3: skipped: rating 'not-a-number' is not a number")
                .contains("2 malformed line(s) skipped");
        String row = out.toString().lines().filter(l -> l.startsWith("mixed.tsv")).findFirst().orElseThrow();
        String[] cols = row.split("\\s+");
        assertThat(cols[1]).isEqualTo("3");
        assertThat(cols[cols.length - 1]).isEqualTo("2");
    }

    @Test
    void missingFileArgumentIsABadArgument() {
        assertThat(run("eval-sentiment")).isEqualTo(Launcher.BAD_ARGUMENTS);
        assertThat(err.toString()).contains("FILE");
    }

    @Test
    void unreadableFileIsABadArgumentNamedInTheMessage() throws IOException {
        Path good = write("good.tsv", "a\t1\tgood\nb\t-1\tbad\n");
        Path missing = dir.resolve("nope.tsv");
        assertThat(run("eval-sentiment", good.toString(), missing.toString())).isEqualTo(Launcher.BAD_ARGUMENTS);
        assertThat(err.toString()).contains("cannot read " + missing).contains("no such file");
        assertThat(out.toString()).isEmpty(); // nothing printed for the good file either
        assertThat(run("eval-sentiment", dir.toString())).isEqualTo(Launcher.BAD_ARGUMENTS);
    }

    @Test
    void tooFewRatedLinesIsAFailure() throws IOException {
        Path f = write("one.tsv", "a\t1\tgood\n");
        assertThat(run("eval-sentiment", f.toString())).isEqualTo(Launcher.FAILURE);
        assertThat(err.toString()).contains("fewer than 2 well-formed lines");
    }

    @Test
    void helpExitsZero() {
        assertThat(run("eval-sentiment", "--help")).isZero();
        assertThat(out.toString()).contains("Pearson");
    }
}
