package com.takeover.notebooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Where the notebooks are, and reading them. */
final class Notebooks {
    static final String KERNEL = "takeover-java";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Notebooks() {}

    /** The notebooks/ folder (the module's base directory under Maven). */
    static Path dir() {
        return Path.of(System.getProperty("notebooks.dir", ".")).toAbsolutePath().normalize();
    }

    /** Every notebooks/*.ipynb, by name: the test suite runs whatever is there. */
    static List<Path> all() {
        try (Stream<Path> files = Files.list(dir())) {
            return files.filter(p -> p.getFileName().toString().endsWith(".ipynb")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode read(Path notebook) {
        try {
            return JSON.readTree(Files.readString(notebook, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read notebook " + notebook, e);
        }
    }

    /** A cell's source as one string (nbformat stores it as a string or a list of lines). */
    static String source(JsonNode cell) {
        JsonNode s = cell.path("source");
        if (s.isArray()) {
            StringBuilder b = new StringBuilder();
            s.forEach(line -> b.append(line.asText()));
            return b.toString();
        }
        return s.asText();
    }
}
