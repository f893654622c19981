package com.takeover.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pins schema evolution: data written with any released schema (frozen copies in
 * src/test/resources/schemas/v1, v2, ...) must stay readable with the current generated classes,
 * so a change can break neither the stored lake nor producers still running an old release.
 */
class SchemaEvolutionTest {

    /** Every union picks branch {@code variant % branches}: 8 variants reach every payload kind and both sides of each nullable. */
    private static final int VARIANTS = 8;

    /** Each frozen release (v1, v2, ...) by name, with its schema files. */
    private static final Map<String, Map<String, Schema>> RELEASES = loadReleases();

    private static final Map<String, Schema> V1_FILES = RELEASES.get("v1");
    private static final Map<String, Schema> V1_TYPES = SchemaFiles.namedTypes(V1_FILES.values());

    private static Map<String, Map<String, Schema>> loadReleases() {
        Path root = SchemaFiles.testResource("schemas");
        Map<String, Map<String, Schema>> releases = new TreeMap<>();
        try (Stream<Path> dirs = Files.list(root)) {
            dirs.filter(d -> Files.isDirectory(d) && d.getFileName().toString().matches("v\\d+"))
                    .forEach(d -> releases.put(d.getFileName().toString(), SchemaFiles.load(d)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return releases;
    }

    /** (release, type name, schema) for every named type of every frozen release. */
    static Stream<Arguments> releasedTypes() {
        return RELEASES.entrySet().stream().flatMap(r -> SchemaFiles.namedTypes(r.getValue().values()).values().stream()
                .map(s -> Arguments.of(r.getKey(), s.getName(), s)));
    }

    static Stream<Arguments> releasedRecords() {
        return releasedTypes().filter(a -> ((Schema) a.get()[2]).getType() == Schema.Type.RECORD);
    }

    /** The records that travel on their own (one .avsc file at the top level each). */
    static Stream<Arguments> releasedTopLevelRecords() {
        return RELEASES.entrySet().stream().flatMap(r -> r.getValue().entrySet().stream().filter(e -> !e.getKey().contains("/"))
                .map(e -> Arguments.of(r.getKey(), e.getValue().getName(), e.getValue())));
    }

    @Test
    void v1HoldsEveryRecordThatTravels() {
        assertThat(V1_FILES.keySet().stream().filter(f -> !f.contains("/")).collect(Collectors.toList()))
                .containsExactlyInAnyOrder("AlertRule.avsc", "AlertRuleSet.avsc", "ConversationEvent.avsc", "ConversationSummary.avsc",
                        "ResolutionOutcome.avsc", "RuleRejection.avsc", "TakeoverAlert.avsc", "TakeoverRecord.avsc");
        assertThat(V1_TYPES).hasSizeGreaterThanOrEqualTo(25);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("releasedTypes")
    void currentSchemaCanReadReleasedData(String release, String name, Schema v1) {
        Schema current = currentSchema(v1);
        SchemaPairCompatibility result = SchemaCompatibility.checkReaderWriterCompatibility(current, v1);
        assertThat(result.getType())
                .as("current %s reading %s data: %s", name, release, result.getResult().getIncompatibilities())
                .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("releasedRecords")
    void aRecordWrittenWithAReleasedSchemaReadsIntoTheCurrentClass(String release, String name, Schema v1) throws IOException {
        Schema current = currentSchema(v1);
        SpecificDatumReader<Object> reader = new SpecificDatumReader<>(v1, current, new SpecificData());
        for (int variant = 0; variant < VARIANTS; variant++) {
            Object written = generate(v1, variant, name);
            Object read = reader.read(null, DecoderFactory.get().binaryDecoder(writeV1(v1, written), null));
            assertThat(read).isInstanceOf(SpecificData.get().getClass(current));
            assertCarries(v1, written, current, read, name + "#" + variant);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("releasedTopLevelRecords")
    void theBinaryCodecDecodesReleasedSingleObjects(String release, String name, Schema v1) throws Exception {
        @SuppressWarnings("unchecked")
        Class<SpecificRecord> type = (Class<SpecificRecord>) SpecificData.get().getClass(v1);
        // The codec every topic reader gets: it must know the released schemas without being told.
        Codec<SpecificRecord> wire = WireFormat.AVRO.codec(type);
        AvroBinaryCodec<SpecificRecord> codec = (AvroBinaryCodec<SpecificRecord>) wire;
        long v1Fingerprint = SchemaNormalization.parsingFingerprint64(v1);
        SpecificDatumReader<Object> reader = new SpecificDatumReader<>(v1, codec.schema(), new SpecificData());
        for (int variant = 0; variant < VARIANTS; variant++) {
            Object written = generate(v1, variant, name);
            byte[] body = writeV1(v1, written);
            byte[] single = AvroBinaryCodecTest.frame(v1Fingerprint, out -> out.writeFixed(body));
            SpecificRecord decoded = codec.decode(single);
            assertThat(decoded).isEqualTo(reader.read(null, DecoderFactory.get().binaryDecoder(body, null)));
            assertCarries(v1, written, codec.schema(), decoded, name + "#" + variant);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("releasedTopLevelRecords")
    void eachFrozenReleaseShipsOnTheClasspathAsTheCodecReadsIt(String release, String name, Schema frozen) {
        @SuppressWarnings("unchecked")
        Class<SpecificRecord> type = (Class<SpecificRecord>) SpecificData.get().getClass(frozen);
        int n = Integer.parseInt(release.substring(1));
        assertThat(ReleasedSchemas.of(type))
                .as("%s is missing or differs: copy the frozen %s/%s.avsc, self-contained, to %s", name, release, name,
                        ReleasedSchemas.resourceName(name, n))
                .hasSizeGreaterThanOrEqualTo(n)
                .element(n - 1).isEqualTo(frozen);
    }

    @Test
    void everyRecordThatTravelsHasAFrozenRelease() {
        Map<String, Schema> current = SchemaFiles.load(SchemaFiles.mainSchemas());
        assertThat(current.keySet().stream().filter(f -> !f.contains("/")))
                .as("a new top-level record needs a frozen copy in src/test/resources/schemas/v1 (or the next release)")
                .allSatisfy(f -> assertThat(RELEASES.values().stream().anyMatch(r -> r.containsKey(f))).as(f).isTrue());
    }

    @Test
    void theCheckRejectsBreakingChanges() {
        Schema v1 = V1_TYPES.get("com.takeover.schema.ConversationEvent");
        String json = v1.toString();
        String eventIdField = "{\"name\":\"eventId\",";

        Schema addedWithDefault = parse(json.replace(eventIdField,
                "{\"name\":\"source\",\"type\":\"string\",\"default\":\"platform\",\"doc\":\"d\"}," + eventIdField));
        assertThat(compatibility(addedWithDefault, v1)).isEqualTo(SchemaCompatibilityType.COMPATIBLE);

        Schema addedWithoutDefault = parse(json.replace(eventIdField,
                "{\"name\":\"source\",\"type\":\"string\",\"doc\":\"d\"}," + eventIdField));
        assertThat(compatibility(addedWithoutDefault, v1)).isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);

        Schema renamed = parse(json.replace("\"name\":\"eventTime\"", "\"name\":\"occurredAt\""));
        assertThat(compatibility(renamed, v1)).isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);

        // an enum keeps its default so that a reader without a symbol maps it there instead of failing
        String triggerSymbols = "\"symbols\":[\"ALERT\",\"MANUAL\",\"AI_SELF_ESCALATION\"],\"default\":\"MANUAL\"";
        assertThat(json).contains(triggerSymbols);
        Schema symbolDroppedDefaultKept = parse(json.replace(triggerSymbols, "\"symbols\":[\"ALERT\",\"MANUAL\"],\"default\":\"MANUAL\""));
        assertThat(compatibility(symbolDroppedDefaultKept, v1)).isEqualTo(SchemaCompatibilityType.COMPATIBLE);
        Schema symbolAndDefaultDropped = parse(json.replace(triggerSymbols, "\"symbols\":[\"ALERT\",\"MANUAL\"]"));
        assertThat(compatibility(symbolAndDefaultDropped, v1)).isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);

        Schema kindDropped = parse(json.replace("{\"type\":\"record\",\"name\":\"HandBack\"", "{\"type\":\"record\",\"name\":\"HandOver\""));
        assertThat(compatibility(kindDropped, v1)).isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
    }

    @Test
    void aCodecRefusesAWriterSchemaItCannotRead() {
        Schema v1 = V1_TYPES.get("com.takeover.schema.ResolutionOutcome");
        Schema future = parse(v1.toString().replace("\"name\":\"resolved\",\"type\":\"boolean\"", "\"name\":\"resolved\",\"type\":\"string\""));
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> AvroBinaryCodec.of(com.takeover.schema.ResolutionOutcome.class).withWriterSchemas(future))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the current ResolutionOutcome schema cannot read data written with com.takeover.schema.ResolutionOutcome fingerprint 0x");
    }

    // ---- helpers ----

    private static Schema currentSchema(Schema v1) {
        Class<?> type = SpecificData.get().getClass(v1);
        assertThat(type).as("generated class for v1 type %s (removed or renamed?)", v1.getFullName()).isNotNull();
        return SpecificData.get().getSchema(type);
    }

    private static SchemaCompatibilityType compatibility(Schema reader, Schema writer) {
        return SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getType();
    }

    private static Schema parse(String json) {
        return new Schema.Parser().parse(json);
    }

    private static byte[] writeV1(Schema v1, Object datum) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<Object>(v1).write(datum, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    /** A v1 datum with every field set; {@code variant} picks union branches, enum symbols and array sizes. */
    static Object generate(Schema s, int variant, String name) {
        switch (s.getType()) {
            case RECORD: {
                GenericData.Record r = new GenericData.Record(s);
                for (Schema.Field f : s.getFields()) {
                    r.put(f.pos(), generate(f.schema(), variant, f.name()));
                }
                return r;
            }
            case UNION:
                return generate(s.getTypes().get(variant % s.getTypes().size()), variant, name);
            case ENUM:
                return new GenericData.EnumSymbol(s, s.getEnumSymbols().get(variant % s.getEnumSymbols().size()));
            case ARRAY: {
                GenericData.Array<Object> items = new GenericData.Array<>(3, s);
                for (int i = 0; i < variant % 3 + 1; i++) {
                    items.add(generate(s.getElementType(), variant + i, name + i));
                }
                return items;
            }
            case MAP:
                return Map.of(name, generate(s.getValueType(), variant, name));
            case STRING:
                return name + "-" + variant;
            case BYTES:
                return ByteBuffer.wrap((name + variant).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            case FIXED:
                return new GenericData.Fixed(s, new byte[s.getFixedSize()]);
            case INT:
                return 7 * variant + name.length();
            case LONG:
                return 1_700_000_000_000L + 1_000L * variant + name.length();
            case FLOAT:
                return variant + 0.5f;
            case DOUBLE:
                return variant * 0.125 - 0.3;
            case BOOLEAN:
                return variant % 2 == 1;
            case NULL:
                return null;
            default:
                throw new IllegalArgumentException(s.toString());
        }
    }

    /** Every v1 value arrives unchanged; every field added since holds its default. */
    private static void assertCarries(Schema writer, Object written, Schema reader, Object read, String path) {
        if (writer.getType() == Schema.Type.UNION) {
            Schema branch = writer.getTypes().get(GenericData.get().resolveUnion(writer, written));
            assertCarries(branch, written, reader, read, path);
            return;
        }
        if (reader.getType() == Schema.Type.UNION) {
            Schema branch = reader.getTypes().get(SpecificData.get().resolveUnion(reader, read));
            assertCarries(writer, written, branch, read, path);
            return;
        }
        switch (writer.getType()) {
            case RECORD: {
                IndexedRecord w = (IndexedRecord) written;
                IndexedRecord r = (IndexedRecord) read;
                for (Schema.Field wf : writer.getFields()) {
                    Schema.Field rf = reader.getField(wf.name());
                    if (rf == null) {
                        fail("%s.%s: a v1 field is gone from the current schema (fields may only be added)", path, wf.name());
                    }
                    assertCarries(wf.schema(), w.get(wf.pos()), rf.schema(), r.get(rf.pos()), path + "." + wf.name());
                }
                for (Schema.Field rf : reader.getFields()) {
                    if (writer.getField(rf.name()) == null) {
                        assertThat(r.get(rf.pos())).as("%s.%s (added since v1) holds its default", path, rf.name())
                                .isEqualTo(SpecificData.get().getDefaultValue(rf));
                    }
                }
                return;
            }
            case ARRAY: {
                Collection<?> w = (Collection<?>) written;
                Collection<?> r = (Collection<?>) read;
                assertThat(r).as(path).hasSameSizeAs(w);
                Iterator<?> ri = r.iterator();
                int i = 0;
                for (Object item : w) {
                    assertCarries(writer.getElementType(), item, reader.getElementType(), ri.next(), path + "[" + i++ + "]");
                }
                return;
            }
            case MAP: {
                Map<?, ?> w = (Map<?, ?>) written;
                Map<?, ?> r = (Map<?, ?>) read;
                assertThat(r).as(path).hasSameSizeAs(w);
                for (Map.Entry<?, ?> e : w.entrySet()) {
                    Object value = r.entrySet().stream().filter(x -> x.getKey().toString().equals(e.getKey().toString()))
                            .map(Map.Entry::getValue).findFirst().orElseThrow(() -> new AssertionError(path + " lost key " + e.getKey()));
                    assertCarries(writer.getValueType(), e.getValue(), reader.getValueType(), value, path + "[" + e.getKey() + "]");
                }
                return;
            }
            case ENUM: {
                String symbol = written.toString();
                String expected = reader.hasEnumSymbol(symbol) ? symbol : reader.getEnumDefault();
                assertThat(read.toString()).as(path).isEqualTo(expected);
                return;
            }
            case STRING:
                assertThat(read.toString()).as(path).isEqualTo(written.toString());
                return;
            case INT:
            case LONG:
            case FLOAT:
            case DOUBLE:
                assertThat(((Number) read).doubleValue()).as(path).isEqualTo(((Number) written).doubleValue());
                return;
            default:
                assertThat(Objects.equals(read, written)).as("%s: %s vs %s", path, read, written).isTrue();
        }
    }

}
