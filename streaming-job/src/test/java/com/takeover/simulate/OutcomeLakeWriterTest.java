package com.takeover.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import com.takeover.schema.ResolutionOutcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificData;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutcomeLakeWriterTest {

    @Test
    void outcomesArePartitionedByTheDateTheyBecameKnownAndReadBackWithParquetAvro(@TempDir Path lake) throws IOException {
        ConversationSimulator sim = new ConversationSimulator(SimulationConfig.defaults(77).withMaxConversations(1500).withBuiltInAlerts(true));
        while (sim.hasNext()) {
            sim.next();
        }
        List<ConversationFacts> facts = sim.drainFinished();
        OutcomeGenerator generator = new OutcomeGenerator(77);
        List<ResolutionOutcome> outcomes = new ArrayList<>();
        facts.forEach(f -> outcomes.addAll(generator.outcomes(f)));

        OutcomeLakeWriter writer = new OutcomeLakeWriter(lake, "part-test");
        Map<LocalDate, Integer> written = writer.write(outcomes);

        assertThat(written.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(outcomes.size());
        // conversations of one simulated day, outcomes known over that day and up to a week later
        LocalDate first = LocalDate.parse("2026-11-20");
        assertThat(written.keySet()).contains(first, first.plusDays(1), first.plusDays(3), first.plusDays(5));
        assertThat(written.get(first)).isLessThan(outcomes.size() * 3 / 4);

        List<ResolutionOutcome> readBack = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(lake.resolve("outcomes"))) {
            for (Path dir : dirs.sorted().toList()) {
                assertThat(dir.getFileName().toString()).matches("dt=\\d{4}-\\d{2}-\\d{2}");
                LocalDate dt = LocalDate.parse(dir.getFileName().toString().substring(3));
                try (Stream<Path> files = Files.list(dir)) {
                    List<Path> all = files.toList();
                    assertThat(all).as("no hidden or in-progress files left in %s", dir)
                            .allMatch(p -> p.getFileName().toString().matches("part-test-00000\\.parquet"));
                    for (Path file : all) {
                        List<ResolutionOutcome> rows = read(file);
                        assertThat(rows).isNotEmpty().allMatch(r -> OutcomeLakeWriter.partitionDate(r.getKnownAt()).equals(dt));
                        assertThat(rows).hasSize(written.get(dt));
                        readBack.addAll(rows);
                    }
                }
            }
        }
        assertThat(readBack).containsExactlyInAnyOrderElementsOf(outcomes);
        // a restated conversation shows up twice, in two partitions; the later record is the final truth
        ConversationFacts restated = facts.stream().filter(f -> generator.outcomes(f).size() == 2).findFirst().orElseThrow();
        List<ResolutionOutcome> both = readBack.stream().filter(r -> r.getConversationId().equals(restated.conversationId())).toList();
        assertThat(both).hasSize(2);
        assertThat(both.stream().mapToLong(ResolutionOutcome::getKnownAt).max().orElseThrow())
                .isEqualTo(generator.finalOutcome(restated).getKnownAt());
    }

    @Test
    void aSecondBatchAddsFilesAndARerunWithTheSamePrefixReplacesItsOwn(@TempDir Path lake) throws IOException {
        ResolutionOutcome a = outcome("c-1", "2026-11-20T10:00:00Z");
        ResolutionOutcome b = outcome("c-2", "2026-11-20T11:00:00Z");
        OutcomeLakeWriter writer = new OutcomeLakeWriter(lake, "run1");
        writer.write(List.of(a));
        writer.write(List.of(b));
        Path dt = lake.resolve("outcomes/dt=2026-11-20");
        try (Stream<Path> files = Files.list(dt)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("run1-00000.parquet", "run1-00001.parquet");
        }
        new OutcomeLakeWriter(lake, "run1").write(List.of(a, b));
        assertThat(read(dt.resolve("run1-00000.parquet"))).containsExactly(a, b);
    }

    private static ResolutionOutcome outcome(String id, String knownAt) {
        return ResolutionOutcome.newBuilder().setConversationId(id).setResolved(true).setCsat(4)
                .setKnownAt(java.time.Instant.parse(knownAt).toEpochMilli()).build();
    }

    static List<ResolutionOutcome> read(Path file) throws IOException {
        List<ResolutionOutcome> rows = new ArrayList<>();
        try (ParquetReader<ResolutionOutcome> reader = AvroParquetReader
                .<ResolutionOutcome>builder(new LocalInputFile(file), new PlainParquetConfiguration())
                .withDataModel(SpecificData.get())
                .build()) {
            ResolutionOutcome r;
            while ((r = reader.read()) != null) {
                rows.add(r);
            }
        }
        return rows;
    }
}
