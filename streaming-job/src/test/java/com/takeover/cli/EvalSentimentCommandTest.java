package com.takeover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalSentimentCommandTest {
    @TempDir
    Path dir;

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
        CliRun r = CliRun.of("eval-sentiment", f.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        String table = r.out();
        assertThat(table).contains("amazonReviewSnippets_GroundTruth.txt", "0.565", "pos P", "neg R");
        String row = table.lines().filter(l -> l.startsWith("amazon")).findFirst().orElseThrow();
        // n = 5; every sign right, so precision and recall are 1
        assertThat(row.split("\\s+")).containsSequence("5").contains("1.000");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void unknownFileNameHasNoPublishedR() throws IOException {
        Path f = write("mine.tsv", "a\t1\tgood\nb\t-1\tbad\nc\t0.5\tnice\n");
        CliRun r = CliRun.of("eval-sentiment", f.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        String row = r.out().lines().filter(l -> l.startsWith("mine.tsv")).findFirst().orElseThrow();
        assertThat(row.split("\\s+")[3]).isEqualTo("-");
    }

    @Test
    void malformedLinesAreReportedWithFileAndLineAndCounted() throws IOException {
        Path f = write("mixed.tsv", "a\t1\tgood\nno tabs here\nb\tnot-a-number\tbad\nc\t-1\tawful\nd\t2\tgreat\n");
        CliRun r = CliRun.of("eval-sentiment", f.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err())
                .contains(f + ":2: skipped: expected id<TAB>rating<TAB>text")
                .contains(f + ":3: skipped: rating 'not-a-number' is not a number")
                .contains("2 malformed line(s) skipped");
        String row = r.out().lines().filter(l -> l.startsWith("mixed.tsv")).findFirst().orElseThrow();
        String[] cols = row.split("\\s+");
        assertThat(cols[1]).isEqualTo("3");
        assertThat(cols[cols.length - 1]).isEqualTo("2");
    }

    @Test
    void missingFileArgumentIsABadArgument() {
        CliRun r = CliRun.of("eval-sentiment");
        assertThat(r.exitCode()).isEqualTo(Launcher.BAD_ARGUMENTS);
        assertThat(r.err()).contains("FILE");
    }

    @Test
    void unreadableFileIsABadArgumentNamedInTheMessage() throws IOException {
        Path good = write("good.tsv", "a\t1\tgood\nb\t-1\tbad\n");
        Path missing = dir.resolve("nope.tsv");
        CliRun r = CliRun.of("eval-sentiment", good.toString(), missing.toString());
        assertThat(r.exitCode()).isEqualTo(Launcher.BAD_ARGUMENTS);
        assertThat(r.err()).contains("cannot read " + missing).contains("no such file");
        assertThat(r.out()).isEmpty(); // nothing printed for the good file either
        assertThat(CliRun.of("eval-sentiment", dir.toString()).exitCode()).isEqualTo(Launcher.BAD_ARGUMENTS);
    }

    @Test
    void tooFewRatedLinesIsAFailure() throws IOException {
        Path f = write("one.tsv", "a\t1\tgood\n");
        CliRun r = CliRun.of("eval-sentiment", f.toString());
        assertThat(r.exitCode()).isEqualTo(Launcher.FAILURE);
        assertThat(r.err()).contains("fewer than 2 well-formed lines");
    }

    @Test
    void helpExitsZero() {
        CliRun r = CliRun.of("eval-sentiment", "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Pearson");
    }
}
