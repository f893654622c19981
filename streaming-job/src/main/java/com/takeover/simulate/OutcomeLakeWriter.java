package com.takeover.simulate;

import com.takeover.schema.ResolutionOutcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificData;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;

/**
 * Writes the ticketing system's outcomes into the lake as Parquet (parquet-avro, the
 * {@code ResolutionOutcome} schema): {@code <lake>/outcomes/dt=YYYY-MM-DD/<name>.parquet}, one
 * file per date and batch, the date being the UTC date of {@code knownAt} (when the outcome became
 * known - late outcomes land in later partitions). Each file is written under a hidden name and
 * renamed when complete, so a reader never sees half a file. Written through parquet's own local
 * file API: no Hadoop file system (and none of its security/metrics start-up) is involved.
 */
public final class OutcomeLakeWriter {
    private final java.nio.file.Path outcomesDir;
    private final String filePrefix;
    private int batch;

    /**
     * @param lakeDir    the lake root; outcomes go to its {@code outcomes/} directory
     * @param filePrefix file names start with it; a rerun with the same prefix replaces its own files
     */
    public OutcomeLakeWriter(java.nio.file.Path lakeDir, String filePrefix) {
        this.outcomesDir = lakeDir.resolve("outcomes");
        this.filePrefix = filePrefix;
    }

    public static LocalDate partitionDate(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).atZone(ZoneOffset.UTC).toLocalDate();
    }

    /** Directory of one date's partition. */
    public java.nio.file.Path partition(LocalDate date) {
        return outcomesDir.resolve("dt=" + date);
    }

    /**
     * Writes one batch: a file per knownAt date, records sorted by (knownAt, conversationId).
     *
     * @return records written per date
     */
    public Map<LocalDate, Integer> write(Collection<ResolutionOutcome> outcomes) {
        Map<LocalDate, List<ResolutionOutcome>> byDate = new TreeMap<>();
        for (ResolutionOutcome o : outcomes) {
            byDate.computeIfAbsent(partitionDate(o.getKnownAt()), d -> new ArrayList<>()).add(o);
        }
        String name = String.format("%s-%05d.parquet", filePrefix, batch++);
        Map<LocalDate, Integer> written = new TreeMap<>();
        for (Map.Entry<LocalDate, List<ResolutionOutcome>> e : byDate.entrySet()) {
            List<ResolutionOutcome> rows = e.getValue();
            rows.sort(Comparator.comparingLong(ResolutionOutcome::getKnownAt).thenComparing(ResolutionOutcome::getConversationId));
            writeFile(partition(e.getKey()), name, rows);
            written.put(e.getKey(), rows.size());
        }
        return written;
    }

    private void writeFile(java.nio.file.Path dir, String name, List<ResolutionOutcome> rows) {
        java.nio.file.Path target = dir.resolve(name);
        java.nio.file.Path hidden = dir.resolve("." + name + ".inprogress");
        try {
            Files.createDirectories(dir);
            Files.deleteIfExists(hidden);
            try (ParquetWriter<ResolutionOutcome> writer = AvroParquetWriter
                    .<ResolutionOutcome>builder(new LocalOutputFile(hidden))
                    .withSchema(ResolutionOutcome.getClassSchema())
                    .withDataModel(SpecificData.get())
                    .withConf(new PlainParquetConfiguration())
                    .withCompressionCodec(CompressionCodecName.SNAPPY)
                    .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                    .build()) {
                for (ResolutionOutcome r : rows) {
                    writer.write(r);
                }
            }
            try {
                Files.move(hidden, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(hidden, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write outcomes file " + target + ": " + e.getMessage(), e);
        }
    }
}
