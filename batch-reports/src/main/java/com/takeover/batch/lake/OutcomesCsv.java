package com.takeover.batch.lake;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Outcomes from a ticketing export: CSV with a header naming ResolutionOutcome's fields (camelCase
 * or snake_case, any order). Every cell is read as text and parsed explicitly, so a row that does
 * not parse is counted and reported, never silently dropped or turned into a default.
 * Booleans: true/false, 1/0, yes/no. knownAt: epoch milliseconds or an ISO-8601 UTC timestamp.
 */
final class OutcomesCsv {
    private static final Logger LOG = LoggerFactory.getLogger(OutcomesCsv.class);
    private static final List<String> FIELDS = List.of(
            "conversationId", "ticketId", "resolved", "csat", "reopened", "timeToResolutionMs", "escalated", "knownAt");
    private static final List<String> REQUIRED = List.of("conversationId", "resolved", "knownAt");
    private static final String CORRUPT = "_corrupt_record";

    private OutcomesCsv() {}

    static LakeRead read(SparkSession spark, List<Path> files, Configuration conf) {
        Dataset<Row> all = null;
        for (Path file : files) {
            Map<String, String> header = header(file, conf);
            StructType raw = new StructType();
            for (String h : header.keySet()) {
                raw = raw.add(h, DataTypes.StringType, true);
            }
            raw = raw.add(CORRUPT, DataTypes.StringType, true);
            Dataset<Row> ds = spark.read().option("header", "true").option("mode", "PERMISSIVE")
                    .option("columnNameOfCorruptRecord", CORRUPT).schema(raw).csv(file.toString());
            List<Column> cols = new ArrayList<>();
            for (String field : FIELDS) {
                String source = header.entrySet().stream().filter(e -> e.getValue().equals(field))
                        .map(Map.Entry::getKey).findFirst().orElse(null);
                cols.add((source == null ? lit(null).cast(DataTypes.StringType) : col("`" + source + "`")).as(field));
            }
            cols.add(col(CORRUPT));
            ds = ds.select(cols.toArray(Column[]::new));
            all = all == null ? ds : all.unionByName(ds);
        }
        Dataset<Row> parsed = parse(all).cache();
        long total = parsed.count();
        Dataset<Row> bad = parsed.filter(col("_problem").isNotNull());
        long badCount = bad.count();
        List<String> samples = new ArrayList<>();
        for (Row r : bad.orderBy("_raw").limit(3).collectAsList()) {
            samples.add(r.getString(r.fieldIndex("_problem")) + ": " + r.getString(r.fieldIndex("_raw")));
        }
        Dataset<Row> good = parsed.filter(col("_problem").isNull()).select(FIELDS.stream().map(f -> col(f))
                .toArray(Column[]::new));
        List<String> names = files.stream().map(Path::toString).toList();
        LOG.info("read outcomes CSV: {} rows from {} files, {} rejected", total, names.size(), badCount);
        if (badCount > 0) {
            LOG.warn("outcomes CSV: {} rows rejected, e.g. {}", badCount, samples);
        }
        return new LakeRead("outcomes CSV", good, names, total - badCount, badCount, samples);
    }

    private static Dataset<Row> parse(Dataset<Row> raw) {
        Column conv = expr("nullif(trim(conversationId), '')");
        Column resolved = bool("resolved");
        Column reopened = bool("reopened");
        Column escalated = bool("escalated");
        Column csat = expr("try_cast(trim(csat) AS INT)");
        Column ttr = expr("try_cast(trim(timeToResolutionMs) AS BIGINT)");
        Column knownAt = expr("coalesce(try_cast(trim(knownAt) AS BIGINT), "
                + "unix_millis(try_to_timestamp(trim(knownAt))))");
        Column problem = when(col(CORRUPT).isNotNull(), lit("malformed line"))
                .when(conv.isNull(), lit("missing conversationId"))
                .when(resolved.isNull(), lit("resolved is not a boolean"))
                .when(knownAt.isNull(), lit("knownAt is not epoch ms or an ISO timestamp"))
                .when(present("csat").and(csat.isNull().or(csat.lt(1)).or(csat.gt(5))), lit("csat is not 1..5"))
                .when(present("reopened").and(reopened.isNull()), lit("reopened is not a boolean"))
                .when(present("escalated").and(escalated.isNull()), lit("escalated is not a boolean"))
                .when(present("timeToResolutionMs").and(ttr.isNull().or(ttr.lt(0))),
                        lit("timeToResolutionMs is not a non-negative number"));
        return raw.select(
                conv.as("conversationId"),
                expr("nullif(trim(ticketId), '')").as("ticketId"),
                resolved.as("resolved"),
                csat.as("csat"),
                expr("coalesce(" + boolSql("reopened") + ", false)").as("reopened"),
                ttr.as("timeToResolutionMs"),
                expr("coalesce(" + boolSql("escalated") + ", false)").as("escalated"),
                knownAt.as("knownAt"),
                problem.as("_problem"),
                concat_ws(",", FIELDS.stream().map(f -> expr("coalesce(" + f + ", '')")).toArray(Column[]::new))
                        .as("_raw"));
    }

    private static Column present(String field) {
        return expr("nullif(trim(" + field + "), '') IS NOT NULL");
    }

    private static Column bool(String field) {
        return expr(boolSql(field));
    }

    private static String boolSql(String field) {
        String v = "lower(trim(" + field + "))";
        return "CASE WHEN " + v + " IN ('true', '1', 'yes', 'y') THEN true WHEN " + v
                + " IN ('false', '0', 'no', 'n') THEN false ELSE NULL END";
    }

    /** Header name → contract field, checked: the required fields must be there. */
    private static Map<String, String> header(Path file, Configuration conf) {
        String line;
        try {
            FileSystem fs = file.getFileSystem(conf);
            if (!fs.exists(file)) {
                throw new LakeInputException("missing outcomes CSV " + file);
            }
            try (BufferedReader r = new BufferedReader(new InputStreamReader(fs.open(file), StandardCharsets.UTF_8))) {
                line = r.readLine();
            }
        } catch (IOException e) {
            throw new LakeInputException("cannot read outcomes CSV " + file + ": " + e.getMessage(), e);
        }
        if (line == null || line.isBlank()) {
            throw new LakeInputException("invalid outcomes CSV " + file + ": empty file, a header line is required");
        }
        if (line.startsWith("\uFEFF")) {
            line = line.substring(1);
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String h : line.split(",", -1)) {
            String name = h.trim().replace("\"", "");
            String key = name.replace("_", "").toLowerCase(Locale.ROOT);
            String field = FIELDS.stream().filter(f -> f.toLowerCase(Locale.ROOT).equals(key)).findFirst().orElse(null);
            out.put(name, field);
        }
        for (String req : REQUIRED) {
            if (!out.containsValue(req)) {
                throw new LakeInputException("invalid outcomes CSV " + file + ": required column '" + req
                        + "' is missing from the header (" + line + ")");
            }
        }
        return out;
    }
}
