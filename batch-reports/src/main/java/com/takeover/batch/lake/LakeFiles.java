package com.takeover.batch.lake;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToLongFunction;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;

/** Writes Avro records into a local lake the way the streaming job lays it out (dt = UTC date of a time field). */
public final class LakeFiles {
    /**
     * The streaming job rolls a file per subtask and checkpoint, so a day of its lake comes in many small
     * pieces that readers split across cores. A generated day in one row group (Parquet's default is 128 MB)
     * would be read by a single task in Spark and a single thread in DuckDB.
     */
    static final long ROW_GROUP_BYTES = 8L * 1024 * 1024;

    private LakeFiles() {}

    public static LocalDate utcDate(long millis) {
        return Instant.ofEpochMilli(millis).atZone(ZoneOffset.UTC).toLocalDate();
    }

    /** Writes {@code records} into {@code <lake>/<dataset>/dt=.../<fileName>}, one file per date. */
    public static <T extends SpecificRecordBase> Map<LocalDate, Integer> writePartitioned(Path lake, String dataset,
            String fileName, Schema schema, List<T> records, ToLongFunction<T> time) throws IOException {
        Map<LocalDate, List<T>> byDate = new TreeMap<>();
        for (T r : records) {
            byDate.computeIfAbsent(utcDate(time.applyAsLong(r)), d -> new java.util.ArrayList<>()).add(r);
        }
        Map<LocalDate, Integer> counts = new TreeMap<>();
        for (Map.Entry<LocalDate, List<T>> e : byDate.entrySet()) {
            write(lake.resolve(dataset).resolve("dt=" + e.getKey()).resolve(fileName), schema, e.getValue());
            counts.put(e.getKey(), e.getValue().size());
        }
        return counts;
    }

    public static <T extends SpecificRecordBase> void write(Path file, Schema schema, List<T> records) throws IOException {
        Files.createDirectories(file.getParent());
        Configuration conf = new Configuration(false);
        try (ParquetWriter<T> w = AvroParquetWriter.<T>builder(new LocalOutputFile(file))
                .withSchema(schema)
                .withConf(conf)
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                .withRowGroupSize(ROW_GROUP_BYTES)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .build()) {
            for (T r : records) {
                w.write(r);
            }
        }
    }
}
