package com.takeover.batch.lake;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * What the reports read of one lake dataset: the columns (a subset of the Avro record, as Spark
 * types) and which of them every file must have. Columns with an Avro default may be absent from
 * older files; Spark then reads them as null.
 */
public record DatasetContract(String name, StructType readSchema, Set<String> required) {

    private static StructField f(String name, DataType type) {
        return DataTypes.createStructField(name, type, true);
    }

    private static StructType struct(StructField... fields) {
        return DataTypes.createStructType(fields);
    }

    private static final DataType S = DataTypes.StringType;
    private static final DataType L = DataTypes.LongType;
    private static final DataType I = DataTypes.IntegerType;
    private static final DataType D = DataTypes.DoubleType;
    private static final DataType B = DataTypes.BooleanType;

    /** ConversationSummary (conversations/, dt = UTC date of endTime). */
    public static final DatasetContract CONVERSATIONS = new DatasetContract("conversations", struct(
            f("conversationId", S), f("segment", S), f("channel", S), f("topic", S),
            f("startTime", L), f("endTime", L),
            f("customerMessages", I), f("aiMessages", I), f("lowConfidenceAnswers", I),
            f("humanRequested", B),
            f("atEnd", struct(f("risk", D))),
            f("atDecision", struct(f("risk", D), f("turns", I), f("elapsedMs", L))),
            f("maxRisk", D), f("alertCount", I), f("alertRuleIds", DataTypes.createArrayType(S, true)),
            f("firstAlertTime", L), f("takenOver", B), f("takeoverTime", L), f("takeoverTrigger", S)),
            Set.of("conversationId", "startTime", "endTime", "customerMessages", "aiMessages", "humanRequested",
                    "atEnd", "atEnd.risk", "atDecision.risk", "atDecision.turns", "atDecision.elapsedMs",
                    "alertCount", "takenOver"));

    /** TakeoverAlert (alerts/, dt by alertTime). */
    public static final DatasetContract ALERTS = new DatasetContract("alerts", struct(
            f("alertId", S), f("conversationId", S), f("ruleId", S), f("severity", S),
            f("alertTime", L), f("risk", D)),
            Set.of("alertId", "conversationId", "ruleId", "alertTime", "risk"));

    /** TakeoverRecord (takeovers/, dt by takeoverTime). */
    public static final DatasetContract TAKEOVERS = new DatasetContract("takeovers", struct(
            f("conversationId", S), f("eventId", S), f("takeoverTime", L), f("trigger", S),
            f("alertId", S), f("signals", struct(f("risk", D), f("turns", I), f("elapsedMs", L)))),
            Set.of("conversationId", "eventId", "takeoverTime", "trigger", "signals", "signals.risk",
                    "signals.turns", "signals.elapsedMs"));

    /** ResolutionOutcome (outcomes/, dt by knownAt). */
    public static final DatasetContract OUTCOMES = new DatasetContract("outcomes", struct(
            f("conversationId", S), f("ticketId", S), f("resolved", B), f("csat", I), f("reopened", B),
            f("timeToResolutionMs", L), f("escalated", B), f("knownAt", L)),
            Set.of("conversationId", "resolved", "knownAt"));

    /** Dotted paths of every leaf and struct column of the read schema, parents first. */
    public List<String> columnPaths() {
        List<String> out = new ArrayList<>();
        collect("", readSchema, out);
        return out;
    }

    private static void collect(String prefix, StructType s, List<String> out) {
        for (StructField field : s.fields()) {
            String p = prefix + field.name();
            out.add(p);
            if (field.dataType() instanceof StructType st) {
                collect(p + ".", st, out);
            }
        }
    }

    /** The Spark type of a dotted column path. */
    public DataType typeOf(String path) {
        DataType t = readSchema;
        for (String part : path.split("\\.")) {
            t = ((StructType) t).apply(part).dataType();
        }
        return t;
    }

    static String describe(DataType t) {
        if (t instanceof ArrayType a) {
            return "array<" + describe(a.elementType()) + ">";
        }
        if (t instanceof StructType) {
            return "record";
        }
        return t.typeName();
    }
}
