package com.takeover.batch.reports;

import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/** Integer sums by a string key, collected to the driver (exact, so independent of partitioning). */
final class Sums {
    private Sums() {}

    /** A count of rows where {@code condition} holds. */
    static Column countIf(Column condition) {
        return sum(when(condition, 1).otherwise(0)).cast(DataTypes.LongType);
    }

    static Column total(Column c) {
        return sum(c).cast(DataTypes.LongType);
    }

    static Column rows() {
        return count(lit(1));
    }

    /** key → sums, in key order; null sums become 0. */
    static Map<String, long[]> byKey(Dataset<Row> ds, Column key, Column... sums) {
        Column[] rest = new Column[sums.length];
        for (int i = 0; i < sums.length; i++) {
            rest[i] = sums[i].as("s" + i);
        }
        Map<String, long[]> out = new TreeMap<>();
        for (Row r : ds.groupBy(key.as("k")).agg(rest[0], java.util.Arrays.copyOfRange(rest, 1, rest.length)).collectAsList()) {
            long[] v = new long[sums.length];
            for (int i = 0; i < sums.length; i++) {
                v[i] = Rates.lng(r.get(i + 1));
            }
            out.put(r.get(0) == null ? ConversationFacts.UNKNOWN : r.get(0).toString(), v);
        }
        return out;
    }

    static long[] add(long[] a, long[] b) {
        long[] out = a == null ? new long[b.length] : a.clone();
        for (int i = 0; i < b.length; i++) {
            out[i] += b[i];
        }
        return out;
    }

    static long[] totalOf(Map<String, long[]> m, int width) {
        long[] t = new long[width];
        for (long[] v : m.values()) {
            t = add(t, v);
        }
        return t;
    }
}
