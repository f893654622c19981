package com.takeover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.takeover.codec.DecodeException;
import com.takeover.codec.JsonCodec;
import com.takeover.schema.ConversationEnded;
import com.takeover.schema.ConversationEvent;
import com.takeover.schema.ConversationStarted;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SimulateCommandTest {

    @Test
    void helpExitsZeroAndListsTheOptions() {
        CliRun run = CliRun.of("simulate", "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--bootstrap-servers", "--day-in", "--rate", "--duration", "--conversations", "--seed",
                "--start", "--lake", "--dry-run", "--out", "--format");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "simulate --bogus",
        "simulate",
        "simulate --bootstrap-servers localhost:9 --rate 0",
        "simulate --bootstrap-servers localhost:9 --rate 10 --day-in 5",
        "simulate --bootstrap-servers localhost:9 --day-in -1",
        "simulate --bootstrap-servers localhost:9 --duration soon",
        "simulate --bootstrap-servers localhost:9 --duration 0s",
        "simulate --bootstrap-servers localhost:9 --format xml",
        "simulate --bootstrap-servers localhost:9 --start yesterday",
        "simulate --bootstrap-servers localhost:9 --conversations 0",
        "simulate --bootstrap-servers localhost:9 --seed abc",
        "simulate --dry-run --supervisors alerts",
        "simulate --dry-run --supervisors everybody",
        "simulate --dry-run --out x.jsonl"})
    void badArgumentsExitTwoWithAReason(String args) {
        CliRun run = CliRun.of(args.split(" "));
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: ").contains("--help");
    }

    @Test
    void aDryRunWritesJsonEventsThatDecodeAndRepeatWithTheSameSeed() throws DecodeException {
        CliRun first = CliRun.of("simulate", "--dry-run", "--conversations", "30", "--seed", "7");
        assertThat(first.exitCode()).as(first.err()).isZero();
        List<ConversationEvent> events = decode(first.out().lines().toList());
        assertThat(events.stream().filter(e -> e.getPayload() instanceof ConversationStarted)).hasSize(30);
        assertThat(events.stream().filter(e -> e.getPayload() instanceof ConversationEnded).count()).isBetween(27L, 30L);
        assertThat(first.err()).contains("simulate: done: 30 conversations");

        CliRun again = CliRun.of("simulate", "--dry-run", "--conversations", "30", "--seed", "7");
        assertThat(again.out()).isEqualTo(first.out());
        CliRun other = CliRun.of("simulate", "--dry-run", "--conversations", "30", "--seed", "8");
        assertThat(other.out()).isNotEqualTo(first.out());
    }

    @Test
    void outWritesTheEventsToAFileAndLakeGetsTheOutcomes(@TempDir Path dir) throws IOException, DecodeException {
        Path file = dir.resolve("events.jsonl");
        Path lake = dir.resolve("lake");
        CliRun run = CliRun.of("simulate", "--out", file.toString(), "--conversations", "200", "--seed", "3",
                "--start", "2026-01-05T06:00:00Z", "--lake", lake.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEmpty();
        List<ConversationEvent> events = decode(Files.readAllLines(file));
        assertThat(events.stream().filter(e -> e.getPayload() instanceof ConversationStarted)).hasSize(200);
        assertThat(events.get(0).getEventTime()).isGreaterThanOrEqualTo(java.time.Instant.parse("2026-01-05T06:00:00Z").toEpochMilli());
        assertThat(lake.resolve("outcomes/dt=2026-01-05")).isDirectory();
        try (var dirs = Files.list(lake.resolve("outcomes"))) {
            assertThat(dirs.count()).isGreaterThan(3); // late outcomes land in later days
        }
        assertThat(run.err()).containsPattern("2\\d\\d outcomes written to");
    }

    static List<ConversationEvent> decode(List<String> lines) throws DecodeException {
        JsonCodec<ConversationEvent> codec = JsonCodec.of(ConversationEvent.class);
        List<ConversationEvent> out = new ArrayList<>();
        for (String line : lines) {
            out.add(codec.decode(line));
        }
        return out;
    }
}
