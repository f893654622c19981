package com.takeover.batch.render;

import com.takeover.batch.reports.Table;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;

/**
 * Writes a report table as {@code <name>.csv} and {@code <name>.parquet}: one file each, fixed
 * names, rows in the table's order, so the same table gives the same bytes.
 */
public final class TableFiles {
    private TableFiles() {}

    public static void writeCsv(Table t, FileSystem fs, Path file) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < t.columns().size(); i++) {
            sb.append(i == 0 ? "" : ",").append(escape(t.columns().get(i).name()));
        }
        sb.append('\n');
        for (Object[] row : t.rows()) {
            for (int i = 0; i < row.length; i++) {
                sb.append(i == 0 ? "" : ",").append(cell(row[i]));
            }
            sb.append('\n');
        }
        try (OutputStream out = fs.create(file, true)) {
            out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Doubles to 6 decimals (exactly rounded), no exponent; null as an empty cell. */
    public static String cell(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Double d) {
            if (d.isNaN() || d.isInfinite()) {
                return "";
            }
            BigDecimal bd = new BigDecimal(d).setScale(6, RoundingMode.HALF_EVEN).stripTrailingZeros();
            return bd.signum() == 0 ? "0" : bd.toPlainString();
        }
        return escape(v.toString());
    }

    private static String escape(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    public static Schema avroSchema(Table t) {
        SchemaBuilder.FieldAssembler<Schema> f = SchemaBuilder.record(t.name()).namespace("com.takeover.batch.report")
                .doc("Report table " + t.name()).fields();
        for (Table.Column c : t.columns()) {
            SchemaBuilder.FieldBuilder<Schema> fb = f.name(c.name()).doc(c.description());
            f = switch (c.type()) {
                case STRING -> fb.type().optional().stringType();
                case LONG -> fb.type().optional().longType();
                case DOUBLE -> fb.type().optional().doubleType();
            };
        }
        return f.endRecord();
    }

    public static void writeParquet(Table t, Configuration conf, Path file) throws IOException {
        Schema schema = avroSchema(t);
        try (ParquetWriter<GenericRecord> w = AvroParquetWriter.<GenericRecord>builder(HadoopOutputFile.fromPath(file, conf))
                .withSchema(schema)
                .withConf(conf)
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .build()) {
            for (Object[] row : t.rows()) {
                GenericRecord r = new GenericData.Record(schema);
                for (int i = 0; i < row.length; i++) {
                    r.put(i, row[i]);
                }
                w.write(r);
            }
        }
    }
}
