package com.takeover.job;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.streaming.api.functions.sink.filesystem.BucketAssigner;
import org.apache.flink.streaming.api.functions.sink.filesystem.bucketassigners.SimpleVersionedStringSerializer;
import org.apache.flink.util.function.SerializableFunction;

/**
 * Puts each lake row in {@code dt=YYYY-MM-DD} by the UTC date of one of its own times (end time,
 * alert time, takeover time). Flink's {@code DateTimeBucketAssigner} would use the wall clock, which
 * puts a replayed or late row in the wrong day.
 */
public final class EventDateBucketAssigner<T> implements BucketAssigner<T, String> {
    private static final long serialVersionUID = 1L;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    private final SerializableFunction<T, Long> eventTime;
    /** The last row's UTC day and bucket: rows come day after day, and formatting a date per row showed. */
    private transient long lastDay = Long.MIN_VALUE;
    private transient String lastBucket;

    public EventDateBucketAssigner(SerializableFunction<T, Long> eventTime) {
        this.eventTime = eventTime;
    }

    @Override
    public String getBucketId(T element, Context context) {
        long t = eventTime.apply(element);
        long day = Math.floorDiv(t, 86_400_000L);
        if (day != lastDay || lastBucket == null) {
            lastBucket = bucketOf(t);
            lastDay = day;
        }
        return lastBucket;
    }

    /** {@code dt=YYYY-MM-DD} of an epoch-millisecond time, in UTC. */
    public static String bucketOf(long epochMillis) {
        return "dt=" + DAY.format(Instant.ofEpochMilli(epochMillis));
    }

    @Override
    public SimpleVersionedSerializer<String> getSerializer() {
        return SimpleVersionedStringSerializer.INSTANCE;
    }

    @Override
    public String toString() {
        return "EventDateBucketAssigner(dt=YYYY-MM-DD, UTC)";
    }
}
