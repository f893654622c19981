package com.takeover.batch.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.takeover.batch.reports.ConversationFacts;
import com.takeover.batch.testing.HandLake;
import com.takeover.batch.testing.SparkTestSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LakeReaderTest {
    static final DateRange RANGE = DateRange.of(HandLake.D);
    final SparkSession spark = SparkTestSession.get();

    @Test
    void readsEachDatasetWithItsContract(@TempDir Path lake) throws Exception {
        HandLake.write(lake);
        LakeReader r = new LakeReader(spark, lake.toString());
        LakeRead conversations = r.conversations(RANGE);
        assertThat(conversations.rowCount()).isEqualTo(11);
        assertThat(conversations.files()).singleElement().asString().endsWith("dt=2024-06-10/part-00000.parquet");
        assertThat(conversations.rows().schema()).isEqualTo(DatasetContract.CONVERSATIONS.readSchema());
        assertThat(conversations.rows().count()).isEqualTo(11);
        assertThat(r.alerts(RANGE).rowCount()).isEqualTo(6);
        assertThat(r.takeovers(RANGE).rowCount()).isEqualTo(6);
    }

    static Path writeGeneric(Path file, Schema schema, GenericRecord record) throws Exception {
        Files.createDirectories(file.getParent());
        try (ParquetWriter<GenericRecord> w = AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(file))
                .withSchema(schema).withConf(new Configuration(false)).build()) {
            w.write(record);
        }
        return file;
    }

    @Test
    void wrongColumnTypeNamesTheFileAndColumn(@TempDir Path lake) throws Exception {
        Schema bad = SchemaBuilder.record("ConversationSummary").fields()
                .requiredString("conversationId").requiredString("startTime") // text where the contract has a long
                .endRecord();
        GenericRecord g = new GenericData.Record(bad);
        g.put("conversationId", "x");
        g.put("startTime", "yesterday");
        Path file = writeGeneric(lake.resolve("conversations/dt=2024-06-10/part-bad.parquet"), bad, g);
        assertThatThrownBy(() -> new LakeReader(spark, lake.toString()).conversations(RANGE))
                .isInstanceOf(LakeInputException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("column 'startTime' has type").hasMessageContaining("expected long");
    }

    @Test
    void missingRequiredColumnNamesTheFileAndColumn(@TempDir Path lake) throws Exception {
        Schema bad = SchemaBuilder.record("ConversationSummary").fields()
                .requiredString("conversationId").requiredLong("startTime").requiredLong("endTime").endRecord();
        GenericRecord g = new GenericData.Record(bad);
        g.put("conversationId", "x");
        g.put("startTime", 1L);
        g.put("endTime", 2L);
        Path file = writeGeneric(lake.resolve("conversations/dt=2024-06-10/part-old.parquet"), bad, g);
        assertThatThrownBy(() -> new LakeReader(spark, lake.toString()).conversations(RANGE))
                .isInstanceOf(LakeInputException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("required column 'customerMessages' is missing");
    }

    @Test
    void corruptFileIsNamed(@TempDir Path lake) throws Exception {
        Path file = lake.resolve("alerts/dt=2024-06-10/part-00000.parquet");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "this is not parquet");
        assertThatThrownBy(() -> new LakeReader(spark, lake.toString()).alerts(RANGE))
                .isInstanceOf(LakeInputException.class)
                .hasMessageStartingWith("invalid alerts file " + "file:" + file)
                .hasMessageContaining("not a readable Parquet file");
    }

    @Test
    void missingConversationsDatasetIsAnInputError(@TempDir Path lake) {
        assertThatThrownBy(() -> new LakeReader(spark, lake.toString()).conversations(RANGE))
                .isInstanceOf(LakeInputException.class).hasMessageContaining(lake.resolve("conversations").toString());
        // alerts and takeovers may legitimately not exist yet
        assertThat(new LakeReader(spark, lake.toString()).alerts(RANGE).rowCount()).isZero();
    }

    @Test
    void outcomesCsvRejectsAndCountsBadRowsAndTheLatestWins(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("export.csv");
        Files.writeString(csv, String.join("\n",
                "conversation_id,resolved,csat,reopened,known_at,ticket_id",
                "c1,true,5,false,1718000000000,T1",
                "c1,false,2,no,2024-06-10T12:00:00Z,T1", // restated later: wins
                "c2,yes,,0,1718000000000,",
                "c3,maybe,4,false,1718000000000,T3", // resolved is not a boolean
                ",true,4,false,1718000000000,T4", // no conversation id
                "c5,true,9,false,1718000000000,T5", // csat out of range
                "c6,true,4,false,yesterday,T6", // knownAt unreadable
                "c7,true,4,false,1718000000000,T7,extra,columns") + "\n");
        LakeRead read = new LakeReader(spark, dir.toString()).outcomes(RANGE, csv.toString());
        assertThat(read.rejectedRows()).isEqualTo(5);
        assertThat(read.rowCount()).isEqualTo(3);
        assertThat(read.rejectedSamples()).hasSize(3);
        List<Row> latest = ConversationFacts.latestOutcomes(read.rows(), Long.MAX_VALUE).orderBy("conversationId")
                .collectAsList();
        assertThat(latest).hasSize(2);
        Row c1 = latest.get(0);
        assertThat(c1.<Boolean>getAs("resolved")).isFalse();
        assertThat(c1.<Integer>getAs("csat")).isEqualTo(2);
        assertThat(c1.<Long>getAs("knownAt")).isEqualTo(1718020800000L);
        Row c2 = latest.get(1);
        assertThat(c2.<Boolean>getAs("resolved")).isTrue();
        assertThat(c2.<Object>getAs("csat")).isNull();
        assertThat(c2.<Object>getAs("ticketId")).isNull();
    }

    @Test
    void outcomesCsvWithoutARequiredColumnIsAnInputError(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("export.csv");
        Files.writeString(csv, "conversationId,csat\nc1,5\n");
        assertThatThrownBy(() -> new LakeReader(spark, dir.toString()).outcomes(RANGE, csv.toString()))
                .isInstanceOf(LakeInputException.class)
                .hasMessageContaining(csv.toString()).hasMessageContaining("required column 'resolved'");
    }
}
