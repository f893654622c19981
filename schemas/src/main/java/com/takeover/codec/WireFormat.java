package com.takeover.codec;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;

/** How records travel: Avro single-object binary (topics, the default) or JSON (consoles, people). */
public enum WireFormat {
    AVRO {
        @Override
        public <T extends SpecificRecord> Codec<T> codec(Class<T> type) {
            return AvroBinaryCodec.of(type);
        }
    },
    JSON {
        @Override
        public <T extends SpecificRecord> Codec<T> codec(Class<T> type) {
            return JsonCodec.of(type);
        }
    };

    public abstract <T extends SpecificRecord> Codec<T> codec(Class<T> type);

    /**
     * Parses a format name case-insensitively ({@code avro}, {@code JSON}).
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static WireFormat parse(String name) {
        String expected = Arrays.stream(values()).map(f -> f.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("missing wire format (expected one of " + expected + ")");
        }
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown wire format \"" + name + "\" (expected one of " + expected + ")");
        }
    }
}
