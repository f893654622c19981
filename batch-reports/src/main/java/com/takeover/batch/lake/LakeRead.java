package com.takeover.batch.lake;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * One dataset as read: its rows (with the contract's schema), the files they came from and the row
 * count from the Parquet footers (or the CSV count); rejected rows for a CSV export.
 */
public record LakeRead(String dataset, Dataset<Row> rows, List<String> files, long rowCount, long rejectedRows,
        List<String> rejectedSamples) {}
