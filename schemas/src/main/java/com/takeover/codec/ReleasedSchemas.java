package com.takeover.codec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * The released versions of each record's schema, shipped on the classpath as self-contained schema files
 * {@code com/takeover/schema/released/<Record>.v1.avsc}, {@code .v2.avsc}, ... (copies of the frozen
 * releases under {@code src/test/resources/schemas/vN}, which {@code SchemaEvolutionTest} keeps in step).
 * The binary codec reads data written with any of them.
 */
public final class ReleasedSchemas {

    static final String RESOURCE_DIR = "/com/takeover/schema/released/";

    private static final Map<Class<?>, List<Schema>> CACHE = new ConcurrentHashMap<>();

    private ReleasedSchemas() {}

    /** The released schemas of {@code type}, oldest first; empty for a record never released. */
    public static List<Schema> of(Class<? extends SpecificRecord> type) {
        return CACHE.computeIfAbsent(type, ReleasedSchemas::load);
    }

    /** The resource name of release {@code n} of a record, e.g. {@code TakeoverAlert.v1.avsc}. */
    static String resourceName(String recordName, int release) {
        return RESOURCE_DIR + recordName + ".v" + release + ".avsc";
    }

    private static List<Schema> load(Class<?> type) {
        List<Schema> out = new ArrayList<>();
        for (int release = 1; ; release++) {
            String name = resourceName(type.getSimpleName(), release);
            try (InputStream in = type.getResourceAsStream(name)) {
                if (in == null) {
                    return List.copyOf(out);
                }
                out.add(new Schema.Parser().parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the released schema " + name, e);
            }
        }
    }
}
