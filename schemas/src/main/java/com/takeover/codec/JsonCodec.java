package com.takeover.codec;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * JSON for people and console tools (not Avro's JSON encoding): fields in schema order, a
 * nullable field as its value or null, a union of several records as a one-key object named by
 * the record ({@code "payload":{"CustomerMessage":{"text":"hi"}}}), enums as their symbols,
 * bytes as base64. On input, fields with a schema default may be left out; unknown fields,
 * wrong types and unknown symbols are errors that name the field.
 *
 * <p>Thread-safe and serializable.
 *
 * @param <T> the generated record class
 */
public final class JsonCodec<T extends SpecificRecord> implements Codec<T> {

    private static final long serialVersionUID = 1L;

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            // emoji as UTF-8 bytes, as in the String form, rather than \\uD83D\\uDE21 escapes
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .build();

    private final Class<T> type;
    private transient volatile Runtime runtime;

    private JsonCodec(Class<T> type) {
        this.type = Objects.requireNonNull(type, "type");
        runtime();
    }

    public static <T extends SpecificRecord> JsonCodec<T> of(Class<T> type) {
        return new JsonCodec<>(type);
    }

    public Class<T> type() {
        return type;
    }

    public Schema schema() {
        return runtime().schema;
    }

    /** Compact JSON, UTF-8. */
    @Override
    public byte[] encode(T record) {
        Runtime rt = runtime();
        try (ByteArrayBuilder out = new ByteArrayBuilder()) {
            try (JsonGenerator g = MAPPER.getFactory().createGenerator(out, JsonEncoding.UTF8)) {
                writeTop(rt, g, record);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Compact JSON on one line. */
    public String encodeToString(T record) {
        Runtime rt = runtime();
        StringWriter out = new StringWriter();
        try (JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
            writeTop(rt, g, record);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    @Override
    public T decode(byte[] bytes) throws DecodeException {
        if (bytes == null) {
            throw new DecodeException(null, "no data (null)");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw notJson(e);
        } catch (IOException e) {
            throw new DecodeException(null, "cannot read JSON: " + e.getMessage(), e);
        }
        return decodeTree(root);
    }

    public T decode(String json) throws DecodeException {
        if (json == null) {
            throw new DecodeException(null, "no data (null)");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw notJson(e);
        }
        return decodeTree(root);
    }

    @Override
    public String toString() {
        return "JsonCodec[" + type.getSimpleName() + "]";
    }

    @SuppressWarnings("unchecked")
    private T decodeTree(JsonNode root) throws DecodeException {
        Runtime rt = runtime();
        if (root == null || root.isMissingNode()) {
            throw new DecodeException(null, "empty input: expected a JSON object for " + rt.schema.getName());
        }
        if (!root.isObject()) {
            throw new DecodeException(null, "expected a JSON object for " + rt.schema.getName() + ", got " + describe(root));
        }
        try {
            return (T) readRecord(rt.model, rt.schema, root);
        } catch (PathError e) {
            throw e.toDecodeException();
        }
    }

    private static DecodeException notJson(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        if (message != null && message.indexOf('\n') >= 0) {
            message = message.substring(0, message.indexOf('\n'));
        }
        JsonLocation loc = e.getLocation();
        String where = loc == null || loc.getLineNr() < 1 ? "" : " at line " + loc.getLineNr() + " column " + loc.getColumnNr();
        return new DecodeException(null, "not valid JSON" + where + ": " + message, e);
    }

    // ---- reading ----

    private static Object readRecord(GenericData model, Schema s, JsonNode n) {
        if (!n.isObject()) {
            throw mismatch(s, n);
        }
        IndexedRecord record = (IndexedRecord) model.newRecord(null, s);
        for (Iterator<String> names = n.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (s.getField(name) == null) {
                throw new PathError("unknown field (expected one of " + Schemas.fieldNames(s) + ")").in(name);
            }
        }
        for (Schema.Field f : s.getFields()) {
            JsonNode v = n.get(f.name());
            Object value;
            if (v == null) {
                if (!f.hasDefaultValue()) {
                    throw new PathError("missing required field").in(f.name());
                }
                // the cached default is shared: copy it before the record can mutate it
                value = model.deepCopy(f.schema(), model.getDefaultValue(f));
            } else {
                try {
                    value = read(model, f.schema(), v, f.name());
                } catch (PathError e) {
                    throw e.in(f.name());
                }
            }
            record.put(f.pos(), value);
        }
        return record;
    }

    /** @param fieldName the closest enclosing field, to name a union's kinds ("payload type") */
    private static Object read(GenericData model, Schema s, JsonNode n, String fieldName) {
        switch (s.getType()) {
            case RECORD:
                return readRecord(model, s, n);
            case UNION:
                return readUnion(model, s, n, fieldName);
            case STRING:
                if (!n.isTextual()) {
                    throw mismatch(s, n);
                }
                return n.textValue();
            case LONG:
                if (n.isInt() || n.isLong()) {
                    return n.longValue();
                }
                return integral(s, n, Long.MIN_VALUE, Long.MAX_VALUE);
            case INT:
                if (n.isInt()) {
                    return n.intValue();
                }
                return (int) integral(s, n, Integer.MIN_VALUE, Integer.MAX_VALUE);
            case DOUBLE:
                return floating(s, n);
            case FLOAT:
                return (float) floating(s, n);
            case BOOLEAN:
                if (!n.isBoolean()) {
                    throw mismatch(s, n);
                }
                return n.booleanValue();
            case NULL:
                if (!n.isNull()) {
                    throw mismatch(s, n);
                }
                return null;
            case ENUM: {
                if (!n.isTextual()) {
                    throw new PathError("expected a string (one of " + Schemas.symbols(s) + "), got " + describe(n));
                }
                String symbol = n.textValue();
                if (!s.hasEnumSymbol(symbol)) {
                    throw new PathError("unknown enum symbol " + Schemas.quote(symbol) + " (expected one of " + Schemas.symbols(s) + ")");
                }
                return model.createEnum(symbol, s);
            }
            case ARRAY: {
                if (!n.isArray()) {
                    throw mismatch(s, n);
                }
                GenericData.Array<Object> list = new GenericData.Array<>(n.size(), s);
                for (int i = 0; i < n.size(); i++) {
                    try {
                        list.add(read(model, s.getElementType(), n.get(i), fieldName));
                    } catch (PathError e) {
                        throw e.at(i);
                    }
                }
                return list;
            }
            case MAP: {
                if (!n.isObject()) {
                    throw mismatch(s, n);
                }
                Map<String, Object> map = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    try {
                        map.put(e.getKey(), read(model, s.getValueType(), e.getValue(), fieldName));
                    } catch (PathError pe) {
                        throw pe.key(e.getKey());
                    }
                }
                return map;
            }
            case BYTES:
                return ByteBuffer.wrap(base64(s, n));
            case FIXED: {
                byte[] bytes = base64(s, n);
                if (bytes.length != s.getFixedSize()) {
                    throw new PathError("expected " + s.getFixedSize() + " bytes, got " + bytes.length);
                }
                return model.createFixed(null, bytes, s);
            }
            default:
                throw new PathError("unsupported schema type " + s.getType());
        }
    }

    private static Object readUnion(GenericData model, Schema s, JsonNode n, String fieldName) {
        if (n.isNull() && s.getIndexNamed(Schema.Type.NULL.getName()) != null) {
            return null;
        }
        if (!Schemas.isTagged(s)) {
            // [null, X]: the plain value
            return read(model, Schemas.nonNullBranches(s).get(0), n, fieldName);
        }
        String what = fieldName == null ? "union" : fieldName;
        if (!n.isObject() || n.size() != 1) {
            throw new PathError("expected an object with one key naming the " + what + " type (one of "
                    + Schemas.branchLabels(s) + "), got " + describeShape(n));
        }
        Map.Entry<String, JsonNode> only = n.fields().next();
        for (Schema branch : s.getTypes()) {
            if (branch.getType() != Schema.Type.NULL && Schemas.branchLabel(branch).equals(only.getKey())) {
                try {
                    return read(model, branch, only.getValue(), fieldName);
                } catch (PathError e) {
                    throw e.in(only.getKey());
                }
            }
        }
        throw new PathError("unknown " + what + " type " + Schemas.quote(only.getKey())
                + " (expected one of " + Schemas.branchLabels(s) + ")");
    }

    private static long integral(Schema s, JsonNode n, long min, long max) {
        if (!n.isNumber()) {
            throw mismatch(s, n);
        }
        BigInteger value;
        if (n.isIntegralNumber()) {
            value = n.bigIntegerValue();
        } else {
            if (!Double.isFinite(n.doubleValue())) {
                throw new PathError("number out of " + s.getType().getName() + " range");
            }
            BigDecimal d = n.decimalValue();
            if (d.signum() != 0 && d.stripTrailingZeros().scale() > 0) {
                throw mismatch(s, n);
            }
            value = d.toBigInteger();
        }
        if (value.compareTo(BigInteger.valueOf(min)) < 0 || value.compareTo(BigInteger.valueOf(max)) > 0) {
            throw new PathError("integer " + Schemas.abbreviate(n.asText()) + " is out of " + s.getType().getName() + " range");
        }
        return value.longValue();
    }

    private static double floating(Schema s, JsonNode n) {
        if (n.isNumber()) {
            double d = n.doubleValue();
            if (Double.isInfinite(d)) {
                throw new PathError("number out of " + s.getType().getName() + " range");
            }
            return d;
        }
        if (n.isTextual()) {
            switch (n.textValue()) {
                case "NaN":
                    return Double.NaN;
                case "Infinity":
                    return Double.POSITIVE_INFINITY;
                case "-Infinity":
                    return Double.NEGATIVE_INFINITY;
                default:
                    break;
            }
        }
        throw mismatch(s, n);
    }

    private static byte[] base64(Schema s, JsonNode n) {
        if (!n.isTextual()) {
            throw mismatch(s, n);
        }
        try {
            return Base64.getDecoder().decode(n.textValue());
        } catch (IllegalArgumentException e) {
            throw new PathError("invalid base64: " + e.getMessage());
        }
    }

    private static PathError mismatch(Schema s, JsonNode n) {
        return new PathError("expected " + Schemas.expected(s) + ", got " + describe(n));
    }

    /** A JSON value as quoted in error messages: strings quoted and shortened, containers by kind. */
    static String describe(JsonNode n) {
        if (n.isTextual()) {
            return Schemas.quote(n.textValue());
        }
        if (n.isObject()) {
            return "an object";
        }
        if (n.isArray()) {
            return "an array";
        }
        return Schemas.abbreviate(n.toString());
    }

    private static String describeShape(JsonNode n) {
        if (!n.isObject()) {
            return describe(n);
        }
        if (n.size() == 0) {
            return "an empty object";
        }
        StringBuilder keys = new StringBuilder();
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            keys.append(keys.length() == 0 ? "" : ", ").append(it.next());
        }
        return "an object with " + n.size() + " keys (" + keys + ")";
    }

    // ---- writing ----

    private static void writeTop(Runtime rt, JsonGenerator g, Object record) throws IOException {
        if (record == null) {
            throw new IllegalArgumentException("cannot encode a null " + rt.schema.getName());
        }
        try {
            write(rt.model, g, rt.schema, record);
        } catch (PathError e) {
            throw new IllegalArgumentException("cannot encode " + rt.schema.getName() + ": " + e.getMessage());
        }
    }

    private static void write(GenericData model, JsonGenerator g, Schema s, Object v) throws IOException {
        if (s.getType() == Schema.Type.UNION) {
            int i = Schemas.resolveBranch(s, v, model);
            Schema branch = s.getTypes().get(i);
            if (branch.getType() == Schema.Type.NULL) {
                g.writeNull();
            } else if (Schemas.isTagged(s)) {
                String label = Schemas.branchLabel(branch);
                g.writeStartObject();
                g.writeFieldName(label);
                try {
                    write(model, g, branch, v);
                } catch (PathError e) {
                    throw e.in(label);
                }
                g.writeEndObject();
            } else {
                write(model, g, branch, v);
            }
            return;
        }
        if (v == null) {
            if (s.getType() == Schema.Type.NULL) {
                g.writeNull();
                return;
            }
            throw new PathError("null for a non-nullable " + Schemas.typeName(s));
        }
        switch (s.getType()) {
            case RECORD: {
                if (!(v instanceof IndexedRecord)) {
                    throw Schemas.wrongType(s, v);
                }
                IndexedRecord r = (IndexedRecord) v;
                g.writeStartObject();
                for (Schema.Field f : s.getFields()) {
                    g.writeFieldName(f.name());
                    try {
                        write(model, g, f.schema(), r.get(f.pos()));
                    } catch (PathError e) {
                        throw e.in(f.name());
                    }
                }
                g.writeEndObject();
                return;
            }
            case STRING:
                if (!(v instanceof CharSequence)) {
                    throw Schemas.wrongType(s, v);
                }
                g.writeString(v.toString());
                return;
            case LONG:
                if (!(v instanceof Long)) {
                    throw Schemas.wrongType(s, v);
                }
                g.writeNumber((Long) v);
                return;
            case INT:
                if (!(v instanceof Integer)) {
                    throw Schemas.wrongType(s, v);
                }
                g.writeNumber((Integer) v);
                return;
            case DOUBLE:
                if (!(v instanceof Double)) {
                    throw Schemas.wrongType(s, v);
                }
                g.writeNumber((Double) v);
                return;
            case FLOAT:
                if (!(v instanceof Float)) {
                    throw Schemas.wrongType(s, v);
                }
                g.writeNumber((Float) v);
                return;
            case BOOLEAN:
                if (!(v instanceof Boolean)) {
                    throw Schemas.wrongType(s, v);
                }
                g.writeBoolean((Boolean) v);
                return;
            case NULL:
                throw new PathError("expected null, got " + Schemas.describe(v));
            case ENUM: {
                String symbol;
                if (v instanceof Enum) {
                    symbol = ((Enum<?>) v).name();
                } else if (v instanceof GenericEnumSymbol) {
                    symbol = v.toString();
                } else {
                    throw Schemas.wrongType(s, v);
                }
                if (!s.hasEnumSymbol(symbol)) {
                    throw new PathError("unknown enum symbol " + Schemas.quote(symbol) + " (expected one of " + Schemas.symbols(s) + ")");
                }
                g.writeString(symbol);
                return;
            }
            case ARRAY: {
                if (!(v instanceof Collection)) {
                    throw Schemas.wrongType(s, v);
                }
                g.writeStartArray();
                long i = 0;
                for (Object item : (Collection<?>) v) {
                    try {
                        write(model, g, s.getElementType(), item);
                    } catch (PathError e) {
                        throw e.at(i);
                    }
                    i++;
                }
                g.writeEndArray();
                return;
            }
            case MAP: {
                if (!(v instanceof Map)) {
                    throw Schemas.wrongType(s, v);
                }
                g.writeStartObject();
                for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                    String key = String.valueOf(e.getKey());
                    g.writeFieldName(key);
                    try {
                        write(model, g, s.getValueType(), e.getValue());
                    } catch (PathError pe) {
                        throw pe.key(key);
                    }
                }
                g.writeEndObject();
                return;
            }
            case BYTES: {
                if (!(v instanceof ByteBuffer)) {
                    throw Schemas.wrongType(s, v);
                }
                ByteBuffer b = ((ByteBuffer) v).duplicate();
                byte[] bytes = new byte[b.remaining()];
                b.get(bytes);
                g.writeString(Base64.getEncoder().encodeToString(bytes));
                return;
            }
            case FIXED:
                if (!(v instanceof GenericFixed)) {
                    throw Schemas.wrongType(s, v);
                }
                g.writeString(Base64.getEncoder().encodeToString(((GenericFixed) v).bytes()));
                return;
            default:
                throw new PathError("unsupported schema type " + s.getType());
        }
    }

    private Runtime runtime() {
        Runtime rt = runtime;
        if (rt == null) {
            rt = new Runtime(type);
            runtime = rt;
        }
        return rt;
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        if (type == null) {
            throw new java.io.InvalidObjectException("JsonCodec without a type");
        }
    }

    private static final class Runtime {
        final SpecificData model;
        final Schema schema;

        Runtime(Class<?> type) {
            model = new SpecificData(type.getClassLoader());
            schema = model.getSchema(type);
        }
    }
}
