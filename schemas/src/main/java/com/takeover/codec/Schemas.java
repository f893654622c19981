package com.takeover.codec;

import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;

/** Schema facts both codecs need, and the record check that names the broken field on encode. */
final class Schemas {

    private Schemas() {
    }

    /**
     * A union with more than one non-null branch needs its branch named (in JSON, and as a path
     * segment); a plain nullable union {@code [null, X]} does not.
     */
    static boolean isTagged(Schema union) {
        int nonNull = 0;
        for (Schema b : union.getTypes()) {
            if (b.getType() != Schema.Type.NULL) {
                nonNull++;
            }
        }
        return nonNull > 1;
    }

    /** How a union branch is named: a named type by its simple name, others by their type. */
    static String branchLabel(Schema branch) {
        switch (branch.getType()) {
            case RECORD:
            case ENUM:
            case FIXED:
                return branch.getName();
            default:
                return branch.getType().getName();
        }
    }

    static String branchLabels(Schema union) {
        return union.getTypes().stream()
                .filter(b -> b.getType() != Schema.Type.NULL)
                .map(Schemas::branchLabel)
                .collect(Collectors.joining(", "));
    }

    static String fieldNames(Schema record) {
        return record.getFields().stream().map(Schema.Field::name).collect(Collectors.joining(", "));
    }

    static String symbols(Schema enumSchema) {
        return String.join(", ", enumSchema.getEnumSymbols());
    }

    /** "a string", "an int", "a ConversationStarted record"... */
    static String expected(Schema s) {
        switch (s.getType()) {
            case RECORD: return "an object";
            case ENUM: return "one of " + symbols(s);
            case ARRAY: return "an array";
            case MAP: return "an object";
            case UNION: return "one of " + branchLabels(s);
            case FIXED: return "a base64 string of " + s.getFixedSize() + " bytes";
            case STRING: return "a string";
            case BYTES: return "a base64 string";
            case INT: return "an integer";
            case LONG: return "an integer";
            case FLOAT:
            case DOUBLE: return "a number";
            case BOOLEAN: return "true or false";
            case NULL: return "null";
            default: return s.getType().getName();
        }
    }

    /**
     * Whether every array item in the schema takes at least one byte in Avro binary, so that a
     * block count larger than the bytes left is certainly corrupt.
     */
    static boolean arrayItemsNeverEmpty(Schema s) {
        return arrayItemsNeverEmpty(s, new IdentityHashMap<>());
    }

    private static boolean arrayItemsNeverEmpty(Schema s, IdentityHashMap<Schema, Boolean> seen) {
        if (seen.put(s, Boolean.TRUE) != null) {
            return true;
        }
        switch (s.getType()) {
            case RECORD:
                return s.getFields().stream().allMatch(f -> arrayItemsNeverEmpty(f.schema(), seen));
            case UNION:
                return s.getTypes().stream().allMatch(b -> arrayItemsNeverEmpty(b, seen));
            case MAP:
                return arrayItemsNeverEmpty(s.getValueType(), seen);
            case ARRAY:
                return minBinarySize(s.getElementType(), new IdentityHashMap<>()) > 0
                        && arrayItemsNeverEmpty(s.getElementType(), seen);
            default:
                return true;
        }
    }

    private static long minBinarySize(Schema s, IdentityHashMap<Schema, Boolean> seen) {
        switch (s.getType()) {
            case NULL: return 0;
            case FLOAT: return 4;
            case DOUBLE: return 8;
            case FIXED: return s.getFixedSize();
            case RECORD: {
                if (seen.put(s, Boolean.TRUE) != null) {
                    return 1; // recursive: a non-empty chain
                }
                long sum = 0;
                for (Schema.Field f : s.getFields()) {
                    sum += minBinarySize(f.schema(), seen);
                }
                seen.remove(s);
                return sum;
            }
            default: return 1; // varints, lengths, union indexes and block counts take a byte
        }
    }

    /** Short description of a Java value for error messages. */
    static String describe(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof CharSequence) {
            return quote(v.toString());
        }
        return v.getClass().getSimpleName() + " " + abbreviate(String.valueOf(v));
    }

    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        String a = abbreviate(s);
        for (int i = 0; i < a.length(); i++) {
            char c = a.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }

    /**
     * Finds the first value that does not fit its schema (null in a non-nullable field, wrong
     * Java type, unknown enum symbol) and throws it as a {@link PathError}; used to explain a
     * failed encode.
     */
    static void check(Schema s, Object v, GenericData model) {
        switch (s.getType()) {
            case UNION: {
                int i = resolveBranch(s, v, model);
                Schema branch = s.getTypes().get(i);
                if (isTagged(s) && branch.getType() != Schema.Type.NULL) {
                    try {
                        check(branch, v, model);
                    } catch (PathError e) {
                        throw e.in(branchLabel(branch));
                    }
                } else {
                    check(branch, v, model);
                }
                return;
            }
            case NULL:
                if (v != null) {
                    throw new PathError("expected null, got " + describe(v));
                }
                return;
            default:
                break;
        }
        if (v == null) {
            throw new PathError("null for a non-nullable " + typeName(s));
        }
        switch (s.getType()) {
            case RECORD: {
                if (!(v instanceof IndexedRecord)) {
                    throw wrongType(s, v);
                }
                IndexedRecord r = (IndexedRecord) v;
                for (Schema.Field f : s.getFields()) {
                    try {
                        check(f.schema(), r.get(f.pos()), model);
                    } catch (PathError e) {
                        throw e.in(f.name());
                    }
                }
                return;
            }
            case ARRAY: {
                if (!(v instanceof Collection)) {
                    throw wrongType(s, v);
                }
                long i = 0;
                for (Object item : (Collection<?>) v) {
                    try {
                        check(s.getElementType(), item, model);
                    } catch (PathError e) {
                        throw e.at(i);
                    }
                    i++;
                }
                return;
            }
            case MAP: {
                if (!(v instanceof Map)) {
                    throw wrongType(s, v);
                }
                for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                    if (!(e.getKey() instanceof CharSequence)) {
                        throw new PathError("map key " + describe(e.getKey()) + " is not a string");
                    }
                    try {
                        check(s.getValueType(), e.getValue(), model);
                    } catch (PathError pe) {
                        throw pe.key(e.getKey().toString());
                    }
                }
                return;
            }
            case ENUM: {
                if (!(v instanceof Enum || v instanceof GenericEnumSymbol)) {
                    throw wrongType(s, v);
                }
                String symbol = v instanceof Enum ? ((Enum<?>) v).name() : v.toString();
                if (!s.hasEnumSymbol(symbol)) {
                    throw new PathError("unknown enum symbol " + quote(symbol) + " (expected one of " + symbols(s) + ")");
                }
                return;
            }
            case STRING:
                requireType(s, v, CharSequence.class);
                return;
            case BYTES:
                requireType(s, v, ByteBuffer.class);
                return;
            case FIXED:
                requireType(s, v, GenericFixed.class);
                if (((GenericFixed) v).bytes().length != s.getFixedSize()) {
                    throw new PathError("fixed of " + ((GenericFixed) v).bytes().length + " bytes, expected " + s.getFixedSize());
                }
                return;
            case INT:
                requireType(s, v, Integer.class);
                return;
            case LONG:
                requireType(s, v, Long.class);
                return;
            case FLOAT:
                requireType(s, v, Float.class);
                return;
            case DOUBLE:
                requireType(s, v, Double.class);
                return;
            case BOOLEAN:
                requireType(s, v, Boolean.class);
                return;
            default:
                return;
        }
    }

    /** Index of the union branch the value belongs to. */
    static int resolveBranch(Schema union, Object v, GenericData model) {
        try {
            return model.resolveUnion(union, v);
        } catch (AvroRuntimeException e) {
            throw new PathError(v == null
                    ? "null is not allowed (expected one of " + branchLabels(union) + ")"
                    : describe(v) + " matches no branch of the union (" + branchLabels(union) + ")");
        }
    }

    private static void requireType(Schema s, Object v, Class<?> type) {
        if (!type.isInstance(v)) {
            throw wrongType(s, v);
        }
    }

    static PathError wrongType(Schema s, Object v) {
        return new PathError("expected " + typeName(s) + ", got " + describe(v));
    }

    static String typeName(Schema s) {
        switch (s.getType()) {
            case RECORD:
            case ENUM:
            case FIXED:
                return s.getName();
            default:
                return s.getType().getName();
        }
    }

    static List<Schema> nonNullBranches(Schema union) {
        return union.getTypes().stream().filter(b -> b.getType() != Schema.Type.NULL).collect(Collectors.toList());
    }
}
