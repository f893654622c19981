package com.takeover.scoring;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Phrase rules over customer text. The first rule in configured order with a matching phrase wins, so more
 * specific topics (fraud, billing dispute) are listed before broad ones (complaint, product question).
 *
 * <p>A phrase matches whole words of the normalised text in sequence; a trailing {@code *} lets its last word
 * match any word it begins. Every customer message is classified, so phrases are indexed by their first word:
 * a message costs a lookup per word instead of a scan of the text per phrase.
 */
public final class TopicClassifier implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String[] topics;
    /** Per topic: its phrases, normalised, in configured order; a prefix phrase ends with '*'. */
    private final String[][] phrases;
    /** Built on first use (also after deserialization in a Flink task). */
    private transient volatile Index index;

    public TopicClassifier(List<TopicRule> rules) {
        topics = new String[rules.size()];
        phrases = new String[rules.size()][];
        for (int i = 0; i < rules.size(); i++) {
            TopicRule r = rules.get(i);
            topics[i] = r.topic();
            List<String> ps = new ArrayList<>();
            for (String p : r.phrases()) {
                boolean prefix = p.endsWith("*");
                String core = normalise(prefix ? p.substring(0, p.length() - 1) : p).trim();
                if (!core.isEmpty()) {
                    ps.add(prefix ? core + "*" : core);
                }
            }
            phrases[i] = ps.toArray(String[]::new);
        }
    }

    /** The topic of a customer message, or null when no phrase rule matches. */
    public String classify(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        Index ix = index;
        if (ix == null) {
            ix = new Index(phrases);
            index = ix;
        }
        // Words are read straight from the text, each char compared as normalise() would write it: a
        // normalised copy of every customer message was most of this method's allocation.
        int words = 0;
        int[] bounds = new int[text.length() + 2]; // start, end of each word
        for (int i = 0; i < text.length(); ) {
            if (!isWordChar(text.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < text.length() && isWordChar(text.charAt(i))) {
                i++;
            }
            bounds[2 * words] = start;
            bounds[2 * words + 1] = i;
            words++;
        }
        int best = topics.length;
        for (int w = 0; w < words && best > 0; w++) {
            int id = ix.words.lookup(text, bounds[2 * w], bounds[2 * w + 1]);
            if (id != TokenTable.ABSENT) {
                best = ix.firstMatch(ix.byFirstWord[id], text, bounds, w, words, best);
            }
            best = ix.firstMatch(ix.prefixPhrases(normal(text.charAt(bounds[2 * w]))), text, bounds, w, words, best);
        }
        return best == topics.length ? null : topics[best];
    }

    /** A char that {@link #normalise} keeps in a word. */
    static boolean isWordChar(char c) {
        return c == '\'' || c == '\u2019' || c == '\u2018' || Character.isLetterOrDigit(c);
    }

    /** A word char as {@link #normalise} writes it. */
    static char normal(char c) {
        if (c == '\u2019' || c == '\u2018') {
            return '\'';
        }
        return Character.toLowerCase(c);
    }

    /** Lower case, letters/digits/apostrophes kept, every other run of characters one space. */
    static String normalise(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        boolean space = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u2019' || c == '\u2018') {
                c = '\'';
            }
            if (Character.isLetterOrDigit(c) || c == '\'') {
                sb.append(Character.toLowerCase(c));
                space = false;
            } else if (!space) {
                sb.append(' ');
                space = true;
            }
        }
        return sb.toString();
    }

    /** The phrases by their first word; one-word prefix phrases ("refund*") by their first char. */
    private static final class Index {
        final TokenTable words = new TokenTable();
        final Phrase[][] byFirstWord;
        /** Prefix phrases by an ASCII first char; those starting with any other char in the last slot. */
        final Phrase[][] prefixByFirstChar;

        Index(String[][] phrasesByTopic) {
            List<List<Phrase>> byWord = new ArrayList<>();
            List<Phrase> prefixes = new ArrayList<>();
            for (int t = 0; t < phrasesByTopic.length; t++) {
                for (String p : phrasesByTopic[t]) {
                    boolean prefix = p.endsWith("*");
                    String[] ws = (prefix ? p.substring(0, p.length() - 1) : p).split(" ");
                    Phrase phrase = new Phrase(t, ws, prefix);
                    if (prefix && ws.length == 1) {
                        prefixes.add(phrase);
                        continue;
                    }
                    int id = words.intern(ws[0]);
                    while (byWord.size() <= id) {
                        byWord.add(new ArrayList<>());
                    }
                    byWord.get(id).add(phrase);
                }
            }
            byFirstWord = byWord.stream().map(l -> l.toArray(Phrase[]::new)).toArray(Phrase[][]::new);
            prefixByFirstChar = new Phrase[129][];
            for (int c = 0; c < prefixByFirstChar.length; c++) {
                int slot = c;
                prefixByFirstChar[c] = prefixes.stream().filter(p -> slot(p.words()[0].charAt(0)) == slot)
                        .toArray(Phrase[]::new);
            }
        }

        private static int slot(char c) {
            return c < 128 ? c : 128;
        }

        Phrase[] prefixPhrases(char firstChar) {
            return prefixByFirstChar[slot(firstChar)];
        }

        /** The lowest topic index below {@code best} of a phrase among {@code candidates} matching at word {@code w}. */
        int firstMatch(Phrase[] candidates, String text, int[] bounds, int w, int words, int best) {
            for (Phrase p : candidates) {
                if (p.topic < best && p.matchesAt(text, bounds, w, words)) {
                    best = p.topic;
                }
            }
            return best;
        }
    }

    private record Phrase(int topic, String[] words, boolean prefix) {
        /** Whether the phrase's words, normalised, are the text's words from word {@code w} on, normalised. */
        boolean matchesAt(String text, int[] bounds, int w, int wordCount) {
            if (w + words.length > wordCount) {
                return false;
            }
            for (int j = 0; j < words.length; j++) {
                int start = bounds[2 * (w + j)];
                int len = bounds[2 * (w + j) + 1] - start;
                String word = words[j];
                boolean last = j == words.length - 1;
                if (prefix && last ? len < word.length() : len != word.length()) {
                    return false;
                }
                for (int k = 0; k < word.length(); k++) {
                    if (normal(text.charAt(start + k)) != word.charAt(k)) {
                        return false;
                    }
                }
            }
            return true;
        }
    }
}
