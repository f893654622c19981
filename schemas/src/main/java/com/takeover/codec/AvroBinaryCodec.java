package com.takeover.codec;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * Avro single-object encoding: the marker {@code C3 01}, the writer schema's 8-byte CRC-64-AVRO
 * fingerprint (little-endian), then the Avro binary body. The same bytes Avro's own
 * {@code BinaryMessageEncoder} writes, so any Avro client can read them.
 *
 * <p>Decoding runs Avro's specific reader over a bounded decoder (a corrupt length cannot
 * allocate more than the input holds); only when that fails does a second, path-tracking pass
 * over the writer schema find the field and the reason. Thread-safe; serializable (the readers
 * and buffers are rebuilt lazily after deserialization).
 *
 * @param <T> the generated record class
 */
public final class AvroBinaryCodec<T extends SpecificRecord> implements Codec<T> {

    private static final long serialVersionUID = 1L;

    static final int HEADER_LENGTH = 10;
    private static final byte MARKER_0 = (byte) 0xC3;
    private static final byte MARKER_1 = (byte) 0x01;

    private final Class<T> type;
    /** Earlier versions of the schema this codec still reads, as JSON (Schema is heavy to ship). */
    private final List<String> olderWriterSchemas;

    private transient volatile Runtime<T> runtime;

    private AvroBinaryCodec(Class<T> type, List<String> olderWriterSchemas) {
        this.type = Objects.requireNonNull(type, "type");
        this.olderWriterSchemas = olderWriterSchemas;
        runtime();
    }

    /**
     * A codec for one generated record class that reads data written with its current schema and with every
     * released version of it shipped in this module ({@link ReleasedSchemas}), so records written by an older
     * release (stored lake files, producers not yet upgraded) still decode.
     */
    public static <T extends SpecificRecord> AvroBinaryCodec<T> of(Class<T> type) {
        return new AvroBinaryCodec<>(type, readable(type, List.of(), ReleasedSchemas.of(type)));
    }

    /** A codec that reads only data written with the current schema. */
    public static <T extends SpecificRecord> AvroBinaryCodec<T> currentOnly(Class<T> type) {
        return new AvroBinaryCodec<>(type, List.of());
    }

    /**
     * A codec that also reads data written with earlier versions of the schema (resolved to the
     * current one by Avro's schema resolution), e.g. while producers still run the old release.
     *
     * @throws IllegalArgumentException when the current schema cannot read one of them
     */
    public AvroBinaryCodec<T> withWriterSchemas(Schema... older) {
        return new AvroBinaryCodec<>(type, readable(type, olderWriterSchemas, Arrays.asList(older)));
    }

    /** {@code known} plus {@code older} as JSON, each checked to be readable by the current schema. */
    private static List<String> readable(Class<?> type, List<String> known, List<Schema> older) {
        Schema current = SpecificData.get().getSchema(type);
        List<String> all = new ArrayList<>(known);
        for (Schema w : older) {
            SchemaCompatibility.SchemaPairCompatibility c = SchemaCompatibility.checkReaderWriterCompatibility(current, w);
            if (c.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
                throw new IllegalArgumentException("the current " + current.getName()
                        + " schema cannot read data written with " + w.getFullName() + " fingerprint "
                        + hex(SchemaNormalization.parsingFingerprint64(w)) + ": " + c.getResult().getIncompatibilities());
            }
            all.add(w.toString());
        }
        return List.copyOf(all);
    }

    public Class<T> type() {
        return type;
    }

    /** The schema records are written with (the current one). */
    public Schema schema() {
        return runtime().schema;
    }

    /** CRC-64-AVRO fingerprint of {@link #schema()}, as carried in every encoded record. */
    public long fingerprint() {
        return runtime().fingerprint;
    }

    @Override
    public byte[] encode(T record) {
        Runtime<T> rt = runtime();
        if (record == null) {
            throw new IllegalArgumentException("cannot encode a null " + rt.schema.getName());
        }
        EncodeBuffer out = rt.buffers.get();
        out.reset();
        out.write(rt.header, 0, HEADER_LENGTH);
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, out.encoder);
        try {
            rt.writer.write(record, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            out.encoder = null; // may hold half a record
            throw encodeFailure(rt, record, e);
        }
        out.encoder = encoder;
        return out.toByteArray();
    }

    @Override
    public T decode(byte[] bytes) throws DecodeException {
        Runtime<T> rt = runtime();
        if (bytes == null) {
            throw new DecodeException(null, "no data (null)");
        }
        if (bytes.length < 2 || bytes[0] != MARKER_0 || bytes[1] != MARKER_1) {
            throw badMarker(bytes);
        }
        if (bytes.length < HEADER_LENGTH) {
            throw new DecodeException(null, "truncated header: " + bytes.length
                    + " bytes, single-object encoding needs " + HEADER_LENGTH + " (marker and schema fingerprint)");
        }
        long fingerprint = readFingerprint(bytes);
        Reader<T> reader = fingerprint == rt.fingerprint ? rt.current : rt.older.get(fingerprint);
        if (reader == null) {
            throw unknownFingerprint(rt, fingerprint);
        }
        ByteArrayDecoder in = new ByteArrayDecoder(bytes, HEADER_LENGTH, bytes.length - HEADER_LENGTH, reader.boundBlockCounts);
        T value;
        try {
            value = reader.datumReader.read(null, in);
        } catch (IOException | RuntimeException e) {
            throw explain(rt, reader, bytes, e);
        }
        if (!in.isEnd()) {
            throw new DecodeException(null, "trailing bytes: " + in.remaining() + " bytes after the end of the "
                    + rt.schema.getName() + " (" + (in.position() - HEADER_LENGTH) + " bytes)");
        }
        return value;
    }

    @Override
    public String toString() {
        return "AvroBinaryCodec[" + type.getSimpleName() + " " + hex(fingerprint()) + "]";
    }

    /** A fingerprint as printed in error messages: {@code 0x} and 16 hex digits. */
    public static String hex(long fingerprint) {
        return String.format("0x%016x", fingerprint);
    }

    static long readFingerprint(byte[] bytes) {
        long fp = 0;
        for (int i = 0; i < 8; i++) {
            fp |= (bytes[2 + i] & 0xFFL) << (8 * i);
        }
        return fp;
    }

    private static DecodeException badMarker(byte[] bytes) {
        if (bytes.length == 0) {
            return new DecodeException(null, "empty input: not single-object encoded (no C3 01 marker)");
        }
        StringBuilder got = new StringBuilder();
        for (int i = 0; i < Math.min(2, bytes.length); i++) {
            got.append(i == 0 ? "" : " ").append(String.format("%02X", bytes[i] & 0xFF));
        }
        String hint = bytes[0] == '{' ? " (looks like JSON: read it with the JSON wire format)" : "";
        return new DecodeException(null, "not single-object encoded: expected marker C3 01, got " + got + hint);
    }

    private static DecodeException unknownFingerprint(Runtime<?> rt, long fingerprint) {
        String known = rt.older.isEmpty() ? hex(rt.fingerprint)
                : rt.older.keySet().stream().sorted().map(AvroBinaryCodec::hex).collect(Collectors.joining(", "));
        return new DecodeException(null, "unknown schema fingerprint " + hex(fingerprint)
                + " (this codec reads " + rt.schema.getName() + " with fingerprint " + known + ")");
    }

    /** The fast path failed: walk the writer schema over the same bytes to name the field. */
    private static DecodeException explain(Runtime<?> rt, Reader<?> reader, byte[] bytes, Exception cause) {
        ByteArrayDecoder in = new ByteArrayDecoder(bytes, HEADER_LENGTH, bytes.length - HEADER_LENGTH, reader.boundBlockCounts);
        try {
            walk(reader.writerSchema, in);
        } catch (PathError e) {
            return new DecodeException(e.path(), e.reason(), cause);
        }
        // Well-formed for its writer schema: resolving it to the current schema failed
        return new DecodeException(null, "cannot read " + reader.writerSchema.getName() + " written with fingerprint "
                + hex(SchemaNormalization.parsingFingerprint64(reader.writerSchema)) + " as the current "
                + rt.schema.getName() + ": " + cause, cause);
    }

    /** Reads over one value of the schema, checking every index and length, tracking the path. */
    static void walk(Schema s, ByteArrayDecoder in) {
        switch (s.getType()) {
            case NULL:
                return;
            case BOOLEAN:
                in.readBoolean();
                return;
            case INT:
                in.readInt();
                return;
            case LONG:
                in.readLong();
                return;
            case FLOAT:
                in.readFloat();
                return;
            case DOUBLE:
                in.readDouble();
                return;
            case STRING:
                in.skipString();
                return;
            case BYTES:
                in.skipBytes();
                return;
            case FIXED:
                in.skipFixed(s.getFixedSize());
                return;
            case ENUM: {
                int i = in.readEnum();
                int n = s.getEnumSymbols().size();
                if (i < 0 || i >= n) {
                    throw new PathError("invalid enum index " + i + " for " + s.getName() + " (expected 0.." + (n - 1) + ")");
                }
                return;
            }
            case UNION: {
                int i = in.readIndex();
                int n = s.getTypes().size();
                if (i < 0 || i >= n) {
                    throw new PathError("invalid union index " + i + " (expected 0.." + (n - 1) + ")");
                }
                Schema branch = s.getTypes().get(i);
                if (Schemas.isTagged(s) && branch.getType() != Schema.Type.NULL) {
                    try {
                        walk(branch, in);
                    } catch (PathError e) {
                        throw e.in(Schemas.branchLabel(branch));
                    }
                } else {
                    walk(branch, in);
                }
                return;
            }
            case RECORD:
                for (Schema.Field f : s.getFields()) {
                    try {
                        walk(f.schema(), in);
                    } catch (PathError e) {
                        throw e.in(f.name());
                    }
                }
                return;
            case ARRAY: {
                long index = 0;
                for (long n = in.readArrayStart(); n > 0; n = in.arrayNext()) {
                    for (long k = 0; k < n; k++, index++) {
                        try {
                            walk(s.getElementType(), in);
                        } catch (PathError e) {
                            throw e.at(index);
                        }
                    }
                }
                return;
            }
            case MAP: {
                long index = 0;
                for (long n = in.readMapStart(); n > 0; n = in.mapNext()) {
                    for (long k = 0; k < n; k++, index++) {
                        String key;
                        try {
                            key = in.readString();
                        } catch (PathError e) {
                            throw e.key("key #" + index);
                        }
                        try {
                            walk(s.getValueType(), in);
                        } catch (PathError e) {
                            throw e.key(key);
                        }
                    }
                }
                return;
            }
            default:
                throw new PathError("unsupported schema type " + s.getType());
        }
    }

    private IllegalArgumentException encodeFailure(Runtime<T> rt, T record, Exception cause) {
        try {
            Schemas.check(rt.schema, record, rt.model);
        } catch (PathError e) {
            return new IllegalArgumentException("cannot encode " + rt.schema.getName() + ": " + e.getMessage(), cause);
        }
        return new IllegalArgumentException("cannot encode " + rt.schema.getName() + ": " + cause, cause);
    }

    private Runtime<T> runtime() {
        Runtime<T> rt = runtime;
        if (rt == null) {
            rt = new Runtime<>(type, olderWriterSchemas);
            runtime = rt;
        }
        return rt;
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        if (type == null || olderWriterSchemas == null) {
            throw new java.io.InvalidObjectException("AvroBinaryCodec without a type");
        }
    }

    /** Everything derived from the class: built once per codec instance (and per JVM it is shipped to). */
    private static final class Runtime<T> {
        final Schema schema;
        final long fingerprint;
        final byte[] header;
        final SpecificData model;
        final SpecificDatumWriter<T> writer;
        final Reader<T> current;
        final Map<Long, Reader<T>> older;
        final ThreadLocal<EncodeBuffer> buffers = ThreadLocal.withInitial(EncodeBuffer::new);

        Runtime(Class<T> type, List<String> olderWriterSchemas) {
            model = new SpecificData(type.getClassLoader());
            model.setCustomCoders(true); // generated encode/decode methods, much faster than reflection
            schema = model.getSchema(type);
            fingerprint = SchemaNormalization.parsingFingerprint64(schema);
            header = new byte[HEADER_LENGTH];
            header[0] = MARKER_0;
            header[1] = MARKER_1;
            for (int i = 0; i < 8; i++) {
                header[2 + i] = (byte) (fingerprint >>> (8 * i));
            }
            writer = new SpecificDatumWriter<>(schema, model);
            current = new Reader<>(schema, schema, model);
            Map<Long, Reader<T>> byFingerprint = new HashMap<>();
            for (String json : olderWriterSchemas) {
                Schema w = new Schema.Parser().parse(json);
                long fp = SchemaNormalization.parsingFingerprint64(w);
                if (fp != fingerprint) {
                    byFingerprint.put(fp, new Reader<>(w, schema, model));
                }
            }
            older = byFingerprint.isEmpty() ? Collections.emptyMap() : byFingerprint;
        }
    }

    private static final class Reader<T> {
        final Schema writerSchema;
        final SpecificDatumReader<T> datumReader;
        final boolean boundBlockCounts;

        Reader(Schema writerSchema, Schema readerSchema, SpecificData model) {
            this.writerSchema = writerSchema;
            this.datumReader = new SpecificDatumReader<>(writerSchema, readerSchema, model);
            this.boundBlockCounts = Schemas.arrayItemsNeverEmpty(writerSchema);
        }
    }

    /** An unsynchronized growable byte buffer, one per thread, with the encoder that writes into it. */
    private static final class EncodeBuffer extends OutputStream {
        byte[] buf = new byte[512];
        int count;
        BinaryEncoder encoder;

        void reset() {
            count = 0;
            if (buf.length > (1 << 20)) {
                buf = new byte[512]; // one huge record should not pin a megabyte per thread
            }
        }

        @Override
        public void write(int b) {
            ensure(1);
            buf[count++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            ensure(len);
            System.arraycopy(b, off, buf, count, len);
            count += len;
        }

        private void ensure(int n) {
            if (count + n > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, count + n));
            }
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buf, count);
        }
    }
}
