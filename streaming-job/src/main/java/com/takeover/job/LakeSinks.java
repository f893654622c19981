package com.takeover.job;

import com.takeover.schema.ConversationSummary;
import com.takeover.schema.TakeoverAlert;
import com.takeover.schema.TakeoverRecord;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.core.fs.Path;
import java.util.Set;
import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.hadoop.conf.Configuration;
import org.apache.avro.specific.SpecificData;
import org.apache.flink.formats.parquet.ParquetBuilder;
import org.apache.flink.formats.parquet.ParquetWriterFactory;
import org.apache.parquet.avro.AvroSchemaConverter;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.flink.streaming.api.functions.sink.filesystem.OutputFileConfig;
import org.apache.flink.streaming.api.functions.sink.filesystem.rollingpolicies.OnCheckpointRollingPolicy;
import org.apache.flink.util.function.SerializableFunction;

/**
 * The Parquet lake: one directory per record type, partitioned {@code dt=YYYY-MM-DD} by the UTC date
 * of the record's own event time. Bulk formats roll on every checkpoint: a file becomes visible
 * (loses its leading dot and {@code .inprogress} suffix) only when the checkpoint that covers it
 * completes, so readers never see half-written files, and the lake lags by one checkpoint interval.
 */
public final class LakeSinks {
    public static final String CONVERSATIONS = "conversations";
    public static final String ALERTS = "alerts";
    public static final String TAKEOVERS = "takeovers";

    /**
     * Columns with few distinct values, where a Parquet dictionary pays. Every other column (ids, times,
     * scores, texts) is written plainly: looking each value up in a dictionary that then overflows cost the
     * job more than a quarter of its scoring thread.
     */
    static final Set<String> DICTIONARY_COLUMNS = Set.of("segment", "channel", "language", "topic", "topics",
            "ruleId", "severity", "endedBy", "endReason", "trigger", "takeoverTrigger", "mode", "takeoverMode",
            "transition", "speaker", "signal", "operator", "alertRuleIds", "agentId", "takeoverAgentId");

    private LakeSinks() {}

    /**
     * Like {@code AvroParquetWriters.forSpecificRecord}, written by {@link LakeWriteSupport} (the same files as
     * parquet-avro's writer, for less CPU), with dictionaries only for {@link #DICTIONARY_COLUMNS} and no min/max
     * statistics for the other string columns.
     */
    public static <T extends SpecificRecordBase> ParquetWriterFactory<T> parquet(Class<T> type) {
        return new ParquetWriterFactory<>(new LakeParquetBuilder<>(SpecificData.get().getSchema(type).toString()));
    }

    /**
     * Opens the lake's Parquet writer on each new part file (every table, every subtask, every checkpoint). The
     * schema and the Hadoop configuration are made once per task: a writer left to make its own configuration
     * parsed Hadoop's default XML resources again, about 10 ms of CPU per file.
     */
    static final class LakeParquetBuilder<T extends SpecificRecordBase> implements ParquetBuilder<T> {
        private static final long serialVersionUID = 1L;
        private final String schemaJson;
        private transient Schema schema;
        private transient Configuration conf;

        LakeParquetBuilder(String schemaJson) {
            this.schemaJson = schemaJson;
        }

        @Override
        public ParquetWriter<T> createWriter(OutputFile out) throws IOException {
            if (schema == null) {
                schema = new Schema.Parser().parse(schemaJson);
                conf = new Configuration();
            }
            return configure(LakeWriteSupport.<T>builder(out, schema), schema).withConf(conf).build();
        }
    }

    /** The lake's encoding settings for {@code schema}'s columns on a Parquet writer builder. */
    static <B extends ParquetWriter.Builder<?, B>> B configure(B b, Schema schema) {
        // Snappy, as every other Parquet file the product writes (outcomes, report tables) and Spark's default
        b.withCompressionCodec(CompressionCodecName.SNAPPY);
        b.withDictionaryEncoding(false);
        for (ColumnDescriptor c : new AvroSchemaConverter().convert(schema).getColumns()) {
            String[] path = c.getPath();
            boolean dictionary = false;
            for (String p : path) {
                dictionary |= DICTIONARY_COLUMNS.contains(p);
            }
            if (dictionary) {
                b.withDictionaryEncoding(String.join(".", path), true);
            } else if (c.getPrimitiveType().getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.BINARY) {
                // Min/max of ids and free text prune nothing (readers select by the date partition), and
                // keeping them compares every value byte by byte on the scoring thread.
                b.withStatisticsEnabled(String.join(".", path), false);
            }
        }
        return b;
    }

    public static FileSink<ConversationSummary> conversations(String lakeRoot) {
        return sink(lakeRoot, CONVERSATIONS, ConversationSummary.class, ConversationSummary::getEndTime);
    }

    public static FileSink<TakeoverAlert> alerts(String lakeRoot) {
        return sink(lakeRoot, ALERTS, TakeoverAlert.class, TakeoverAlert::getAlertTime);
    }

    public static FileSink<TakeoverRecord> takeovers(String lakeRoot) {
        return sink(lakeRoot, TAKEOVERS, TakeoverRecord.class, TakeoverRecord::getTakeoverTime);
    }

    private static <T extends SpecificRecordBase> FileSink<T> sink(String lakeRoot, String table, Class<T> type,
            SerializableFunction<T, Long> eventTime) {
        return FileSink.forBulkFormat(new Path(lakeRoot, table), parquet(type))
                .withBucketAssigner(new EventDateBucketAssigner<>(eventTime))
                .withRollingPolicy(OnCheckpointRollingPolicy.build())
                .withOutputFileConfig(OutputFileConfig.builder().withPartPrefix("part").withPartSuffix(".parquet")
                        .build())
                .build();
    }
}
