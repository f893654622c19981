package com.takeover.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.takeover.schema.AlertReason;
import com.takeover.schema.ConversationEvent;
import com.takeover.schema.ConversationSummary;
import com.takeover.schema.ResolutionOutcome;
import com.takeover.schema.Takeover;
import com.takeover.schema.TakeoverAlert;
import com.takeover.schema.TakeoverTrigger;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AvroBinaryCodecTest {

    private static final AvroBinaryCodec<ConversationEvent> EVENTS = AvroBinaryCodec.of(ConversationEvent.class);
    private static final AvroBinaryCodec<TakeoverAlert> ALERTS = AvroBinaryCodec.of(TakeoverAlert.class);

    static Stream<SpecificRecord> samples() {
        return Samples.all();
    }

    @SuppressWarnings("unchecked")
    private static <T extends SpecificRecord> AvroBinaryCodec<T> codecFor(T record) {
        return AvroBinaryCodec.of((Class<T>) record.getClass());
    }

    @ParameterizedTest
    @MethodSource("samples")
    void roundTripsEveryRecordKind(SpecificRecord record) throws DecodeException {
        AvroBinaryCodec<SpecificRecord> codec = codecFor(record);
        byte[] bytes = codec.encode(record);
        assertThat(codec.decode(bytes)).isEqualTo(record);
        // encoding is deterministic, and the per-thread buffer is reused without leaking old bytes
        assertThat(codec.encode(record)).isEqualTo(bytes);
    }

    @ParameterizedTest
    @MethodSource("samples")
    void writesExactlyAvrosSingleObjectEncoding(SpecificRecord record) throws Exception {
        AvroBinaryCodec<SpecificRecord> codec = codecFor(record);
        byte[] ours = codec.encode(record);
        Class<?> type = record.getClass();
        Object avroEncoder = type.getMethod("getEncoder").invoke(null);
        ByteBuffer theirs = (ByteBuffer) avroEncoder.getClass().getMethod("encode", Object.class).invoke(avroEncoder, record);
        assertThat(ours).isEqualTo(toArray(theirs));
        Object avroDecoder = type.getMethod("getDecoder").invoke(null);
        Object back = avroDecoder.getClass().getMethod("decode", byte[].class).invoke(avroDecoder, (Object) ours);
        assertThat(back).isEqualTo(record);
    }

    @Test
    void headerIsMarkerAndLittleEndianFingerprint() {
        byte[] bytes = EVENTS.encode(Samples.customerMessage());
        long expected = SchemaNormalization.parsingFingerprint64(ConversationEvent.getClassSchema());
        assertThat(EVENTS.fingerprint()).isEqualTo(expected);
        assertThat(bytes[0]).isEqualTo((byte) 0xC3);
        assertThat(bytes[1]).isEqualTo((byte) 0x01);
        assertThat(ByteBuffer.wrap(bytes, 2, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong()).isEqualTo(expected);
        assertThat(EVENTS.schema()).isEqualTo(ConversationEvent.getClassSchema());
        assertThat(EVENTS.toString()).isEqualTo("AvroBinaryCodec[ConversationEvent " + AvroBinaryCodec.hex(expected) + "]");
    }

    @Test
    void rejectsInputThatIsNotSingleObjectEncoded() {
        byte[] json = "{\"eventId\":\"e1\"}".getBytes(StandardCharsets.UTF_8);
        assertDecodeError(EVENTS, json, null,
                "not single-object encoded: expected marker C3 01, got 7B 22 (looks like JSON: read it with the JSON wire format)");
        assertDecodeError(EVENTS, new byte[] {0x00, 0x01, 0x02}, null,
                "not single-object encoded: expected marker C3 01, got 00 01");
        assertDecodeError(EVENTS, new byte[] {(byte) 0xC3}, null,
                "not single-object encoded: expected marker C3 01, got C3");
        assertDecodeError(EVENTS, new byte[0], null, "empty input: not single-object encoded (no C3 01 marker)");
        assertDecodeError(EVENTS, null, null, "no data (null)");
    }

    @Test
    void rejectsATruncatedHeader() {
        assertDecodeError(EVENTS, new byte[] {(byte) 0xC3, 0x01, 1, 2, 3}, null,
                "truncated header: 5 bytes, single-object encoding needs 10 (marker and schema fingerprint)");
    }

    @Test
    void namesAnUnknownFingerprintInHex() {
        byte[] alert = ALERTS.encode(Samples.alert());
        assertDecodeError(EVENTS, alert, null, "unknown schema fingerprint " + AvroBinaryCodec.hex(ALERTS.fingerprint())
                + " (this codec reads ConversationEvent with fingerprint " + AvroBinaryCodec.hex(EVENTS.fingerprint()) + ")");
        assertThat(AvroBinaryCodec.hex(0x00ab_0000_0000_00cdL)).isEqualTo("0x00ab0000000000cd");
    }

    @Test
    void namesTheFieldWhereATruncatedBodyEnds() {
        byte[] full = EVENTS.encode(Samples.customerMessage()); // text "where is my order?" is the last 18 bytes
        assertDecodeError(EVENTS, Arrays.copyOf(full, full.length - 13), "payload.CustomerMessage.text",
                "truncated: string of 18 bytes, only 5 left");
        assertDecodeError(EVENTS, Arrays.copyOf(full, full.length - 18), "payload.CustomerMessage.text",
                "truncated: string of 18 bytes, only 0 left");
        assertDecodeError(EVENTS, Arrays.copyOf(full, full.length - 19), "payload.CustomerMessage.text",
                "truncated: no bytes left for a string length");
        assertDecodeError(EVENTS, Arrays.copyOf(full, AvroBinaryCodec.HEADER_LENGTH), "eventId",
                "truncated: no bytes left for a string length");
    }

    @Test
    void namesTheArrayItemAndFieldInATruncatedArray() {
        byte[] bytes = frame(ALERTS.fingerprint(), out -> {
            out.writeString("a-1");
            out.writeString("c1");
            out.writeString("rule");
            out.writeInt(1);
            out.writeEnum(2);
            out.writeLong(Samples.T0);
            out.writeIndex(0);
            out.writeDouble(0.5);
            out.writeArrayStart();
            out.setItemCount(3);
            for (int i = 0; i < 2; i++) {
                out.startItem();
                writeReason(out, Samples.reason("turns", ">", 12, 10, "long"));
            }
            out.startItem();
            out.writeString("risk");
            out.writeString(">");
        });
        byte[] truncated = Arrays.copyOf(bytes, bytes.length + 3); // 3 of the value's 8 bytes
        assertDecodeError(ALERTS, truncated, "reasons[2].value", "truncated: a double needs 8 bytes, only 3 left");
    }

    @Test
    void namesAnInvalidUnionIndex() {
        byte[] bytes = frame(EVENTS.fingerprint(), out -> {
            out.writeString("e1");
            out.writeString("c1");
            out.writeLong(Samples.T0);
            out.writeIndex(7);
        });
        assertDecodeError(EVENTS, bytes, "payload", "invalid union index 7 (expected 0..6)");
    }

    @Test
    void namesAnInvalidEnumIndexInsideThePayload() {
        byte[] bytes = frame(EVENTS.fingerprint(), out -> {
            out.writeString("e1");
            out.writeString("c1");
            out.writeLong(Samples.T0);
            out.writeIndex(4); // Takeover
            out.writeString("agent-7");
            out.writeEnum(9);
        });
        assertDecodeError(EVENTS, bytes, "payload.Takeover.trigger", "invalid enum index 9 for TakeoverTrigger (expected 0..2)");
    }

    @Test
    void namesANegativeLength() {
        byte[] bytes = frame(EVENTS.fingerprint(), out -> out.writeLong(-3));
        assertDecodeError(EVENTS, bytes, "eventId", "negative string length -3");
    }

    @Test
    void refusesLengthsAndCountsLargerThanTheInputBeforeAllocating() {
        byte[] hugeString = frame(EVENTS.fingerprint(), out -> {
            out.writeString("e1");
            out.writeLong(1L << 40);
            out.writeFixed(new byte[20]);
        });
        assertDecodeError(EVENTS, hugeString, "conversationId", "truncated: string of 1099511627776 bytes, only 20 left");

        byte[] hugeArray = frame(ALERTS.fingerprint(), out -> {
            out.writeString("a-1");
            out.writeString("c1");
            out.writeString("rule");
            out.writeInt(1);
            out.writeEnum(2);
            out.writeLong(Samples.T0);
            out.writeIndex(0);
            out.writeDouble(0.5);
            out.writeLong(1_000_000_000L); // block count
            out.writeFixed(new byte[12]);
        });
        assertDecodeError(ALERTS, hugeArray, "reasons", "truncated: array block of 1000000000 items, only 12 bytes left");
    }

    @Test
    void namesAnInvalidBooleanByte() {
        AvroBinaryCodec<ResolutionOutcome> codec = AvroBinaryCodec.of(ResolutionOutcome.class);
        byte[] bytes = frame(codec.fingerprint(), out -> {
            out.writeString("c1");
            out.writeIndex(0);
            out.writeFixed(new byte[] {2});
        });
        assertDecodeError(codec, bytes, "resolved", "invalid boolean byte 0x02 (expected 0 or 1)");
    }

    @Test
    void rejectsTrailingBytes() {
        byte[] full = EVENTS.encode(Samples.customerMessage());
        byte[] longer = Arrays.copyOf(full, full.length + 3);
        assertDecodeError(EVENTS, longer, null,
                "trailing bytes: 3 bytes after the end of the ConversationEvent (" + (full.length - 10) + " bytes)");
    }

    @ParameterizedTest
    @MethodSource("samples")
    void everyTruncationIsADecodeExceptionNamingAField(SpecificRecord record) {
        AvroBinaryCodec<SpecificRecord> codec = codecFor(record);
        byte[] full = codec.encode(record);
        for (int length = 0; length < full.length; length++) {
            DecodeException e = decodeFailure(codec, Arrays.copyOf(full, length));
            if (length >= AvroBinaryCodec.HEADER_LENGTH) {
                assertThat(e.field()).as("field at length %d", length).isNotNull();
                assertThat(e.reason()).as("reason at length %d", length).startsWith("truncated");
            }
        }
    }

    @Test
    void randomBytesOnlyEverGiveDecodeExceptions() {
        Random random = new Random(42);
        List<AvroBinaryCodec<? extends SpecificRecord>> codecs = List.of(EVENTS, ALERTS,
                AvroBinaryCodec.of(ConversationSummary.class), AvroBinaryCodec.of(ResolutionOutcome.class));
        int decoded = 0;
        for (int i = 0; i < 40_000; i++) {
            AvroBinaryCodec<? extends SpecificRecord> codec = codecs.get(i % codecs.size());
            byte[] bytes = new byte[random.nextInt(120)];
            random.nextBytes(bytes);
            if (i % 2 == 0 && bytes.length >= 10) {
                // valid header, random body: exercises the body decoder rather than the marker check
                System.arraycopy(frame(codec.fingerprint(), out -> { }), 0, bytes, 0, 10);
            }
            if (decodesOrFailsCleanly(codec, bytes)) {
                decoded++;
            }
        }
        assertThat(decoded).as("some random bodies happen to be valid records").isLessThan(40_000);
    }

    @ParameterizedTest
    @MethodSource("samples")
    void corruptedBodiesOnlyEverGiveDecodeExceptions(SpecificRecord record) {
        AvroBinaryCodec<SpecificRecord> codec = codecFor(record);
        byte[] full = codec.encode(record);
        Random random = new Random(7);
        for (int i = 0; i < 3_000; i++) {
            byte[] bytes = full.clone();
            for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                int at = AvroBinaryCodec.HEADER_LENGTH + random.nextInt(full.length - AvroBinaryCodec.HEADER_LENGTH);
                bytes[at] = (byte) random.nextInt(256);
            }
            decodesOrFailsCleanly(codec, bytes);
        }
    }

    @Test
    void reportsTheFieldOfANullWhenEncoding() {
        Takeover incomplete = new Takeover();
        incomplete.setTrigger(TakeoverTrigger.MANUAL);
        ConversationEvent event = new ConversationEvent("e1", "c1", Samples.T0, incomplete);
        assertThatThrownBy(() -> EVENTS.encode(event))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot encode ConversationEvent: field payload.Takeover.agentId: null for a non-nullable string");
        // the failed encode leaves nothing behind in the reused buffer
        assertThat(decodeOrThrow(EVENTS, EVENTS.encode(Samples.takeover()))).isEqualTo(Samples.takeover());
        AlertReason broken = Samples.reason("turns", ">", 1, 1, "x");
        broken.setDescription(null);
        TakeoverAlert alert = Samples.alert();
        alert.setReasons(List.of(alert.getReasons().get(0), broken));
        assertThatThrownBy(() -> ALERTS.encode(alert))
                .hasMessage("cannot encode TakeoverAlert: field reasons[1].description: null for a non-nullable string");
        assertThatThrownBy(() -> EVENTS.encode(null)).hasMessage("cannot encode a null ConversationEvent");
    }

    @Test
    void survivesJavaSerialization() throws Exception {
        AvroBinaryCodec<ConversationEvent> copy = serializeAndBack(EVENTS);
        assertThat(copy.decode(EVENTS.encode(Samples.takeover()))).isEqualTo(Samples.takeover());
        assertThat(EVENTS.decode(copy.encode(Samples.ended()))).isEqualTo(Samples.ended());
        assertThat(copy.fingerprint()).isEqualTo(EVENTS.fingerprint());
    }

    @Test
    void isSafeToShareBetweenThreads() throws Exception {
        List<ConversationEvent> events = Samples.events();
        Thread[] threads = new Thread[4];
        Throwable[] failures = new Throwable[threads.length];
        for (int t = 0; t < threads.length; t++) {
            int id = t;
            threads[t] = new Thread(() -> {
                try {
                    for (int i = 0; i < 5_000; i++) {
                        ConversationEvent e = events.get((i + id) % events.size());
                        assertThat(EVENTS.decode(EVENTS.encode(e))).isEqualTo(e);
                    }
                } catch (Throwable e) {
                    failures[id] = e;
                }
            });
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(failures).containsOnlyNulls();
    }

    // ---- helpers ----

    interface Body {
        void write(BinaryEncoder out) throws IOException;
    }

    /** Header with the given fingerprint, then a hand-written body. */
    static byte[] frame(long fingerprint, Body body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(0xC3);
        bytes.write(0x01);
        for (int i = 0; i < 8; i++) {
            bytes.write((int) (fingerprint >>> (8 * i)) & 0xFF);
        }
        BinaryEncoder out = EncoderFactory.get().directBinaryEncoder(bytes, null);
        try {
            body.write(out);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void writeReason(BinaryEncoder out, AlertReason r) throws IOException {
        out.writeString(r.getSignal());
        out.writeString(r.getOperator());
        out.writeDouble(r.getValue());
        out.writeDouble(r.getThreshold());
        out.writeString(r.getDescription());
    }

    static void assertDecodeError(Codec<?> codec, byte[] bytes, String field, String reason) {
        DecodeException e = decodeFailure(codec, bytes);
        assertThat(e.field()).as("field").isEqualTo(field);
        assertThat(e.reason()).as("reason").isEqualTo(reason);
        assertThat(e.getMessage()).isEqualTo(field == null ? reason : "field " + field + ": " + reason);
    }

    static DecodeException decodeFailure(Codec<?> codec, byte[] bytes) {
        Throwable t = catchThrowable(() -> codec.decode(bytes));
        assertThat(t).as("decoding %s", bytes == null ? null : Arrays.toString(bytes)).isInstanceOf(DecodeException.class);
        return (DecodeException) t;
    }

    /** True when the bytes decoded; fails the test on anything but a DecodeException. */
    static boolean decodesOrFailsCleanly(Codec<?> codec, byte[] bytes) {
        try {
            codec.decode(bytes);
            return true;
        } catch (DecodeException e) {
            assertThat(e.reason()).isNotBlank();
            return false;
        } catch (Throwable t) {
            throw new AssertionError("decoding " + Arrays.toString(bytes) + " threw " + t, t);
        }
    }

    private static <T> T decodeOrThrow(Codec<T> codec, byte[] bytes) {
        try {
            return codec.decode(bytes);
        } catch (DecodeException e) {
            throw new AssertionError(e);
        }
    }

    @SuppressWarnings("unchecked")
    static <T> T serializeAndBack(T object) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }

    private static byte[] toArray(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
