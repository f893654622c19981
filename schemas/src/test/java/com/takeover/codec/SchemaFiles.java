package com.takeover.codec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;

/** Loads a directory of .avsc files that refer to each other by name, in whatever order they resolve. */
final class SchemaFiles {

    private SchemaFiles() {
    }

    /** The main schemas: tests run with the module directory as working directory. */
    static Path mainSchemas() {
        return Path.of("src", "main", "avro");
    }

    static Path testResource(String name) {
        try {
            return Path.of(SchemaFiles.class.getResource("/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** File name (relative, with / separators) to the schema it defines. */
    static Map<String, Schema> load(Path dir) {
        List<Path> pending;
        try (Stream<Path> files = Files.walk(dir)) {
            pending = files.filter(p -> p.toString().endsWith(".avsc")).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Schema> known = new LinkedHashMap<>();
        Map<String, Schema> byFile = new LinkedHashMap<>();
        while (!pending.isEmpty()) {
            List<Path> unresolved = new ArrayList<>();
            List<String> errors = new ArrayList<>();
            for (Path file : pending) {
                try {
                    Schema.Parser parser = new Schema.Parser().addTypes(known.values());
                    Schema schema = parser.parse(file.toFile());
                    parser.getTypes().forEach(known::putIfAbsent);
                    byFile.put(dir.relativize(file).toString().replace('\\', '/'), schema);
                } catch (AvroRuntimeException e) { // undefined name: a type from a file not parsed yet
                    unresolved.add(file);
                    errors.add(file.getFileName() + ": " + e.getMessage());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            if (unresolved.size() == pending.size()) {
                throw new IllegalStateException("cannot resolve " + errors);
            }
            pending = unresolved;
        }
        return byFile;
    }

    /** Every named type (records, enums, fixed) reachable from the schemas, by full name. */
    static Map<String, Schema> namedTypes(Iterable<Schema> roots) {
        Map<String, Schema> named = new LinkedHashMap<>();
        IdentityHashMap<Schema, Boolean> seen = new IdentityHashMap<>();
        for (Schema root : roots) {
            collect(root, named, seen);
        }
        return named;
    }

    private static void collect(Schema s, Map<String, Schema> named, IdentityHashMap<Schema, Boolean> seen) {
        if (seen.put(s, Boolean.TRUE) != null) {
            return;
        }
        switch (s.getType()) {
            case RECORD:
                named.putIfAbsent(s.getFullName(), s);
                s.getFields().forEach(f -> collect(f.schema(), named, seen));
                break;
            case ENUM:
            case FIXED:
                named.putIfAbsent(s.getFullName(), s);
                break;
            case UNION:
                s.getTypes().forEach(b -> collect(b, named, seen));
                break;
            case ARRAY:
                collect(s.getElementType(), named, seen);
                break;
            case MAP:
                collect(s.getValueType(), named, seen);
                break;
            default:
                break;
        }
    }
}
