package com.takeover.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.takeover.bench.Traffic;
import com.takeover.rules.AlertFactory;
import com.takeover.rules.RuleEvaluator;
import com.takeover.rules.RuleFiring;
import com.takeover.rules.RuleSet;
import com.takeover.rules.RulesLoader;
import com.takeover.schema.ConversationEvent;
import com.takeover.schema.ConversationSummary;
import com.takeover.schema.Takeover;
import com.takeover.schema.TakeoverAlert;
import com.takeover.schema.TakeoverRecord;
import com.takeover.scoring.ConversationScorer;
import com.takeover.scoring.ConversationState;
import com.takeover.scoring.LakeRecords;
import com.takeover.scoring.ScoringConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.formats.parquet.ParquetWriterFactory;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.metadata.FileMetaData;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lake's own write support writes the same files as parquet-avro's writer with the same settings: byte for
 * byte, over the rows of a simulated stretch of traffic (with message text kept, so previews and transcripts are
 * in them), Snappy-compressed, and both read back with parquet-avro as the rows written.
 */
class LakeWriteSupportTest {
    private static final List<TakeoverAlert> ALERTS = new ArrayList<>();
    private static final List<ConversationSummary> SUMMARIES = new ArrayList<>();
    private static final List<TakeoverRecord> TAKEOVERS = new ArrayList<>();

    @TempDir
    Path dir;

    @BeforeAll
    static void simulate() {
        ScoringConfig cfg = ScoringConfig.defaults().withKeepTranscript(true);
        ConversationScorer scorer = new ConversationScorer(cfg);
        RuleEvaluator evaluator = new RuleEvaluator(scorer);
        RuleSet rules = RulesLoader.defaults();
        AlertFactory alerts = new AlertFactory();
        Map<String, ConversationState> open = new HashMap<>();
        for (ConversationEvent e : Traffic.events(3, 40_000)) {
            ConversationState s = open.computeIfAbsent(e.getConversationId(), ConversationState::new);
            if (s.ended) {
                continue;
            }
            scorer.apply(s, e);
            if (e.getPayload() instanceof Takeover) {
                TAKEOVERS.add(LakeRecords.takeover(s, e));
            }
            List<RuleFiring> firings = evaluator.evaluate(s, rules, e.getEventTime());
            for (RuleFiring f : firings) {
                TakeoverAlert a = alerts.create(s, f, e.getEventId(), e.getEventTime(), scorer.risk(s, e.getEventTime()));
                if (ALERTS.size() % 2 == 0) {
                    a.setSourceTimestamp(e.getEventTime());
                }
                ALERTS.add(ALERTS.size() % 3 == 0 ? LakeRecords.withoutPreview(a) : a);
            }
            if (s.ended) {
                SUMMARIES.add(LakeRecords.summary(s, e.getEventTime(), false, cfg));
            }
        }
        for (ConversationState s : open.values()) {
            if (!s.ended) {
                SUMMARIES.add(LakeRecords.summary(s, s.lastEventTime, true, cfg));
            }
        }
    }

    @Test
    void theRowsCoverTheSchemasOptionalParts() {
        assertThat(ALERTS).hasSizeGreaterThan(500);
        assertThat(ALERTS).anyMatch(a -> !a.getPreview().isEmpty()).anyMatch(a -> a.getPreview().isEmpty())
                .anyMatch(a -> a.getSourceTimestamp() == null).anyMatch(a -> a.getTriggerEventId() != null);
        assertThat(SUMMARIES).hasSizeGreaterThan(500);
        assertThat(SUMMARIES).anyMatch(s -> s.getTranscript() != null && !s.getTranscript().isEmpty())
                .anyMatch(s -> s.getAtDecision() != null).anyMatch(s -> s.getAtDecision() == null)
                .anyMatch(s -> s.getTakeoverMode() != null).anyMatch(s -> s.getTakeoverMode() == null);
        assertThat(TAKEOVERS).hasSizeGreaterThan(20);
    }

    @Test
    void alertsAreTheSameFileAsParquetAvroWrites() throws IOException {
        sameFiles(TakeoverAlert.class, ALERTS);
    }

    @Test
    void summariesAreTheSameFileAsParquetAvroWrites() throws IOException {
        sameFiles(ConversationSummary.class, SUMMARIES);
    }

    @Test
    void takeoversAreTheSameFileAsParquetAvroWrites() throws IOException {
        sameFiles(TakeoverRecord.class, TAKEOVERS);
    }

    @Test
    void aFileOfNoRowsIsTheSameToo() throws IOException {
        sameFiles(TakeoverRecord.class, List.of());
    }

    private <T extends SpecificRecordBase> void sameFiles(Class<T> type, List<T> rows) throws IOException {
        Schema schema = SpecificData.get().getSchema(type);
        Path ours = write(LakeSinks.parquet(type), rows, dir.resolve("ours.parquet"));
        Path theirs = write(new ParquetWriterFactory<T>(out -> LakeSinks.configure(
                AvroParquetWriter.<T>builder(out).withSchema(schema).withDataModel(SpecificData.get()), schema)
                .build()), rows, dir.resolve("parquet-avro.parquet"));

        assertThat(Files.mismatch(ours, theirs)).as("first differing byte").isEqualTo(-1L);
        FileMetaData meta = footer(ours);
        assertThat(meta.getKeyValueMetaData()).containsEntry("parquet.avro.schema", schema.toString())
                .containsEntry("writer.model.name", "avro");
        assertThat(meta.getKeyValueMetaData()).isEqualTo(footer(theirs).getKeyValueMetaData());
        assertThat(meta.getSchema()).isEqualTo(footer(theirs).getSchema());
        assertThat(read(ours, type)).isEqualTo(rows);
        assertThat(columnChunks(ours)).allSatisfy(c -> assertThat(c.getCodec()).isEqualTo(CompressionCodecName.SNAPPY));
    }

    private static List<ColumnChunkMetaData> columnChunks(Path file) throws IOException {
        try (ParquetFileReader r = ParquetFileReader.open(new LocalInputFile(file))) {
            return r.getFooter().getBlocks().stream().flatMap(b -> b.getColumns().stream()).toList();
        }
    }

    private static <T> Path write(ParquetWriterFactory<T> factory, List<T> rows, Path file) throws IOException {
        try (FSDataOutputStream out = FileSystem.getLocalFileSystem()
                .create(new org.apache.flink.core.fs.Path(file.toUri()), FileSystem.WriteMode.OVERWRITE)) {
            BulkWriter<T> w = factory.create(out);
            for (T row : rows) {
                w.addElement(row);
            }
            w.finish();
        }
        return file;
    }

    private static FileMetaData footer(Path file) throws IOException {
        try (ParquetFileReader r = ParquetFileReader.open(new LocalInputFile(file))) {
            return r.getFooter().getFileMetaData();
        }
    }

    private static <T extends SpecificRecordBase> List<T> read(Path file, Class<T> type) throws IOException {
        List<T> out = new ArrayList<>();
        try (ParquetReader<T> r = AvroParquetReader.<T>builder(new LocalInputFile(file))
                .withDataModel(SpecificData.get()).build()) {
            T row;
            while ((row = r.read()) != null) {
                out.add(row);
            }
        }
        return out;
    }
}
