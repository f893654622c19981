package com.takeover.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.LocalInputFile;

/** Reads a lake table back with parquet-avro, as any other reader of the lake would. */
public final class LakeFiles {
    private LakeFiles() {}

    /** Committed Parquet files under {@code table} (in-progress files start with a dot and are skipped). */
    public static List<Path> committedFiles(Path table) throws IOException {
        if (!Files.isDirectory(table)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(table)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> p.getFileName().toString().endsWith(".parquet"))
                    .sorted()
                    .toList();
        }
    }

    /** Rows of a table by partition directory name (e.g. {@code dt=2026-03-02}). */
    public static <T extends SpecificRecord> Map<String, List<T>> read(Path table, Class<T> type) throws IOException {
        Map<String, List<T>> out = new TreeMap<>();
        for (Path f : committedFiles(table)) {
            List<T> rows = out.computeIfAbsent(f.getParent().getFileName().toString(), k -> new ArrayList<>());
            try (ParquetReader<T> r = AvroParquetReader.<T>builder(new LocalInputFile(f))
                    .withDataModel(new SpecificData(type.getClassLoader()))
                    .build()) {
                for (T row = r.read(); row != null; row = r.read()) {
                    rows.add(row);
                }
            }
        }
        return out;
    }
}
