package com.takeover.batch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.takeover.batch.cli.SchedulerContractTest.Result;
import com.takeover.batch.lake.SampleLake;
import com.takeover.batch.testing.SparkTestSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A lake that went bad after a good night: a Parquet file whose data pages are corrupt (its footer still
 * reads), a file written with another schema, the requested day's partition missing. Each run fails with exit
 * code 3 and a message naming what is wrong, and the reports of the previous good run stay byte for byte as
 * they were. (Idempotent reruns, atomic replacement with an injected failure, a file that is not Parquet at all
 * and exit codes are in {@link SchedulerContractTest}.)
 */
class BadLakeTest {
    static final LocalDate FROM = LocalDate.of(2024, 3, 1);
    static final String DATE = "2024-03-08";

    @TempDir
    static Path dir;
    static Path goodLake;
    static Path goodReports;

    @BeforeAll
    static void goodNight() throws IOException {
        SparkTestSession.get();
        goodLake = dir.resolve("good-lake");
        SampleLake.write(goodLake, new SampleLake.Config(FROM, 8, 60, 11, 0.1, Map.of(), 0.9));
        goodReports = dir.resolve("good-reports");
        Result first = SchedulerContractTest.cli(nightly(goodLake, goodReports));
        assertThat(first.code()).as(first.err()).isZero();
    }

    static String[] nightly(Path lake, Path out, String... more) {
        String[] base = {"nightly", "--date", DATE, "--lake", lake.toString(), "--out", out.toString(),
            "--lookback-days", "3", "--window-days", "3", "--trend-days", "7", "--shuffle-partitions", "2"};
        return Stream.concat(Stream.of(base), Stream.of(more)).toArray(String[]::new);
    }

    /** A copy of the good lake to break, and a copy of the good night's reports on it. */
    record Case(Path lake, Path out, Map<String, byte[]> reports) {}

    static Case goodNight(String name) throws IOException {
        Path lake = dir.resolve(name + "-lake");
        copy(goodLake, lake);
        Path out = dir.resolve(name + "-reports");
        copy(goodReports, out);
        return new Case(lake, out, SchedulerContractTest.snapshot(out));
    }

    /** The next night fails: exit 3, the reason on stderr, the previous reports untouched. */
    static Result badNight(Case c) throws IOException {
        // other settings, so a run that wrongly went through would change the files
        Result r = SchedulerContractTest.cli(nightly(c.lake(), c.out(), "--risk-bins", "4"));
        assertThat(r.code()).as(r.err()).isEqualTo(BatchCli.BAD_INPUT);
        Map<String, byte[]> after = SchedulerContractTest.snapshot(c.out());
        assertThat(after.keySet()).isEqualTo(c.reports().keySet());
        c.reports().forEach((name, bytes) -> assertThat(after.get(name)).as(name).isEqualTo(bytes));
        return r;
    }

    @Test
    void corruptDataPagesBehindAReadableFooterFailTheRunNamingTheFile() throws IOException {
        Case c = goodNight("pages");
        Path file = firstFile(c.lake().resolve("conversations/dt=2024-03-07"));
        byte[] bytes = Files.readAllBytes(file);
        // Everything between the magic number and the footer: the column chunks
        int footerLength = (bytes[bytes.length - 8] & 0xff) | (bytes[bytes.length - 7] & 0xff) << 8
                | (bytes[bytes.length - 6] & 0xff) << 16 | (bytes[bytes.length - 5] & 0xff) << 24;
        int dataEnd = bytes.length - 8 - footerLength;
        for (int i = 4; i < dataEnd; i++) {
            bytes[i] = (byte) (bytes[i] ^ 0x5A);
        }
        Files.write(file, bytes);

        Result r = badNight(c);
        assertThat(r.err()).contains("error: ").contains(file.getFileName().toString());
    }

    @Test
    void aFileWithAnotherSchemaFailsTheRunNamingTheFileAndColumn() throws Exception {
        // (a column of the wrong type is refused the same way: LakeReaderTest)
        Case c = goodNight("schema");
        Schema other = SchemaBuilder.record("TakeoverRecord").fields()
                .requiredString("conversationId").requiredString("takeoverTime").endRecord();
        GenericRecord g = new GenericData.Record(other);
        g.put("conversationId", "c-1");
        g.put("takeoverTime", "2024-03-07T10:00:00Z");
        Path file = c.lake().resolve("takeovers/dt=2024-03-07/part-99999.parquet");
        try (ParquetWriter<GenericRecord> w = AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(file))
                .withSchema(other).withConf(new Configuration(false)).build()) {
            w.write(g);
        }

        Result r = badNight(c);
        assertThat(r.err()).contains("invalid takeovers file").contains(file.toString())
                .contains("required column 'eventId' is missing");
    }

    @Test
    void theRequestedDaysMissingPartitionFailsTheRunNamingIt() throws IOException {
        Case c = goodNight("partition");
        Path day = c.lake().resolve("conversations/dt=" + DATE);
        delete(day);

        Result r = badNight(c);
        assertThat(r.err()).contains("missing input").contains(day.toString());
    }

    @Test
    void aGapInTheDaysBeforeIsReadAsNoConversations() throws IOException {
        Case c = goodNight("gap");
        delete(c.lake().resolve("conversations/dt=2024-03-06"));
        Result r = SchedulerContractTest.cli(nightly(c.lake(), c.out()));
        assertThat(r.code()).as(r.err()).isZero();
        // the reports of the days whose window lost a day changed
        assertThat(SchedulerContractTest.snapshot(c.out()).get("dt=2024-03-08/data_quality.csv"))
                .isNotEqualTo(c.reports().get("dt=2024-03-08/data_quality.csv"));
    }

    static Path firstFile(Path partition) throws IOException {
        try (Stream<Path> s = Files.list(partition)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".parquet")).sorted().findFirst().orElseThrow();
        }
    }

    static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    static void delete(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
        assertThat(dir).doesNotExist();
    }
}
