package com.takeover.job;

import com.takeover.schema.ConversationSummary;
import com.takeover.schema.TakeoverAlert;
import com.takeover.schema.TakeoverRecord;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.core.fs.Path;
import org.apache.flink.formats.parquet.avro.AvroParquetWriters;
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

    private LakeSinks() {}

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
        return FileSink.forBulkFormat(new Path(lakeRoot, table), AvroParquetWriters.forSpecificRecord(type))
                .withBucketAssigner(new EventDateBucketAssigner<>(eventTime))
                .withRollingPolicy(OnCheckpointRollingPolicy.build())
                .withOutputFileConfig(OutputFileConfig.builder().withPartPrefix("part").withPartSuffix(".parquet")
                        .build())
                .build();
    }
}
