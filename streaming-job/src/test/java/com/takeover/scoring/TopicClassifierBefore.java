package com.takeover.scoring;

import java.util.ArrayList;
import java.util.List;

/**
 * {@link TopicClassifier} as it was before it read words straight from the text, to prove it answers the same: it
 * matches phrases in a normalised copy of the text ({@link TopicClassifier#normalise}, which did not change).
 */
final class TopicClassifierBefore {
    private final String[] topics;
    /** Per topic: its phrases, normalised, in configured order; a prefix phrase ends with '*'. */
    private final String[][] phrases;
    private Index index;

    TopicClassifierBefore(List<TopicRule> rules) {
        topics = new String[rules.size()];
        phrases = new String[rules.size()][];
        for (int i = 0; i < rules.size(); i++) {
            TopicRule r = rules.get(i);
            topics[i] = r.topic();
            List<String> ps = new ArrayList<>();
            for (String p : r.phrases()) {
                boolean prefix = p.endsWith("*");
                String core = TopicClassifier.normalise(prefix ? p.substring(0, p.length() - 1) : p).trim();
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
        String norm = TopicClassifier.normalise(text);
        int words = 0;
        int[] bounds = new int[norm.length() + 2]; // start, end of each word
        for (int i = 0; i < norm.length(); ) {
            if (norm.charAt(i) == ' ') {
                i++;
                continue;
            }
            int start = i;
            while (i < norm.length() && norm.charAt(i) != ' ') {
                i++;
            }
            bounds[2 * words] = start;
            bounds[2 * words + 1] = i;
            words++;
        }
        int best = topics.length;
        for (int w = 0; w < words && best > 0; w++) {
            int id = ix.words.lookup(norm, bounds[2 * w], bounds[2 * w + 1]);
            if (id != TokenTable.ABSENT) {
                best = ix.firstMatch(ix.byFirstWord[id], norm, bounds, w, words, best);
            }
            best = ix.firstMatch(ix.prefixPhrases(norm.charAt(bounds[2 * w])), norm, bounds, w, words, best);
        }
        return best == topics.length ? null : topics[best];
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
        int firstMatch(Phrase[] candidates, String norm, int[] bounds, int w, int words, int best) {
            for (Phrase p : candidates) {
                if (p.topic < best && p.matchesAt(norm, bounds, w, words)) {
                    best = p.topic;
                }
            }
            return best;
        }
    }

    private record Phrase(int topic, String[] words, boolean prefix) {
        boolean matchesAt(String norm, int[] bounds, int w, int wordCount) {
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
                if (!norm.regionMatches(start, word, 0, word.length())) {
                    return false;
                }
            }
            return true;
        }
    }
}
