package com.takeover.testing;

import com.takeover.bench.Traffic;
import com.takeover.schema.AgentMessage;
import com.takeover.schema.AiMessage;
import com.takeover.schema.ConversationEnded;
import com.takeover.schema.ConversationEvent;
import com.takeover.schema.CustomerMessage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Texts for tests that prove a faster path gives the same answers as the path it replaced: every distinct
 * message text of a simulated stretch of traffic, the benchmark and labelled corpora, every string literal of
 * the scoring and privacy tests, and seeded variants of them all (case, punctuation, apostrophes, joins).
 */
public final class TextCorpus {
    private static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*)\"");

    private TextCorpus() {}

    private static volatile List<String> cached;

    public static List<String> texts() {
        List<String> c = cached;
        if (c == null) {
            c = build();
            cached = c;
        }
        return c;
    }

    private static List<String> build() {
        Set<String> base = new LinkedHashSet<>();
        for (long seed : new long[] {7, 11}) {
            for (ConversationEvent e : Traffic.events(seed, 60_000)) {
                Object p = e.getPayload();
                if (p instanceof CustomerMessage m) {
                    base.add(m.getText());
                } else if (p instanceof AiMessage m) {
                    base.add(m.getText());
                } else if (p instanceof AgentMessage m) {
                    base.add(m.getText());
                } else if (p instanceof ConversationEnded m && m.getReason() != null) {
                    base.add(m.getReason());
                }
            }
        }
        base.addAll(resourceLines("/com/takeover/cli/bench-support-messages.txt", false));
        base.addAll(resourceLines("/sentiment/support-sentences.tsv", true));
        base.addAll(testLiterals(Path.of("src/test/java/com/takeover/scoring")));
        base.addAll(testLiterals(Path.of("src/test/java/com/takeover/privacy")));
        base.remove(null);
        List<String> out = new ArrayList<>(base);
        Random r = new Random(20261207L);
        List<String> originals = List.copyOf(out);
        for (String t : originals) {
            out.add(variant(t, r));
            out.add(variant(t, r));
        }
        for (int i = 0; i < 3000; i++) {
            out.add(originals.get(r.nextInt(originals.size())) + " " + originals.get(r.nextInt(originals.size())));
        }
        return List.copyOf(out);
    }

    private static String variant(String t, Random r) {
        String v = switch (r.nextInt(6)) {
            case 0 -> t.toUpperCase(java.util.Locale.ROOT);
            case 1 -> t.replace('\'', '\u2019');
            case 2 -> t + (r.nextBoolean() ? "!!" : "?");
            case 3 -> t.replace(" ", r.nextBoolean() ? "  " : ", ");
            case 4 -> t.replace(".", "").replace(",", "");
            default -> "Please, " + t;
        };
        if (r.nextInt(4) == 0 && v.length() > 2) {
            int at = r.nextInt(v.length());
            v = v.substring(0, at) + " " + "!?,.'-\u00e9\u2019\u00a0*@#1".charAt(r.nextInt(13)) + v.substring(at);
        }
        return v;
    }

    private static List<String> resourceLines(String resource, boolean tsvTextColumn) {
        List<String> out = new ArrayList<>();
        try (InputStream in = TextCorpus.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (tsvTextColumn) {
                    String[] parts = line.split("\t");
                    if (parts.length > 1) {
                        out.add(parts[1]);
                    }
                } else {
                    out.add(line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** String literals of the test sources (unescaped for the common escapes). */
    private static List<String> testLiterals(Path dir) {
        List<String> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = LITERAL.matcher(Files.readString(f));
                while (m.find()) {
                    out.add(unescape(m.group(1)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static String unescape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 >= s.length()) {
                b.append(c);
                continue;
            }
            char n = s.charAt(++i);
            switch (n) {
                case 'n' -> b.append('\n');
                case 't' -> b.append('\t');
                case 'u' -> {
                    if (i + 4 < s.length() && s.substring(i + 1, i + 5).matches("[0-9a-fA-F]{4}")) {
                        b.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                        i += 4;
                    } else {
                        b.append('u');
                    }
                }
                default -> b.append(n);
            }
        }
        return b.toString();
    }
}
