package com.takeover.scoring;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Everything the scorer looks up, compiled once into arrays indexed by token id: the VADER lexicon
 * (a classpath resource unpacked by the build), VADER's rule word lists, the emoji table and,
 * optionally, the support-domain layer. Immutable after construction.
 */
final class SentimentLexicon {
    static final String VADER_RESOURCE = "vader_sentiment_lexicon.txt";

    /** What a negation in front of a phrase does to it. */
    enum Negated {
        /** Like a lexicon word: the valence flips to 74% of its opposite. */
        FLIP,
        /** The phrase stops counting ("I don't want to cancel my account"). */
        NEUTRAL
    }

    // Flags of a token id (and, in the scorer, of a token).
    static final int F_NEGATION = 1;
    static final int F_COUNT = 1 << 1;
    static final int F_ORDINAL = 1 << 2;
    static final int F_PROFANE = 1 << 3;

    /** "would/could/should/might" (before "have"). */
    static final int F_MODAL = 1 << 4;
    /** "would've", "shoulda"... */
    static final int F_MODAL_PERFECT = 1 << 5;

    /** Derived forms only from words at least this strong. */
    static final double DERIVE_MIN_VALENCE = 1.0;
    /** Words whose derived forms mean something else. */
    static final java.util.Set<String> NOT_DERIVED = java.util.Set.of(
            "hand", "kind", "good", "like", "play", "fan", "fine", "well", "pretty", "ok", "okay", "fun",
            "ha", "haha", "no", "yes", "yeah", "lol", "please", "sure");

    // Phrase elements that match a class of tokens instead of one word.
    static final int E_COUNT = -2;
    static final int E_ORDINAL = -3;

    final TokenTable table;
    /** Whether the support-domain layer (phrases and chat rules) is on. */
    final boolean supportDomain;
    /** Valence per id; NaN when the word carries none. */
    final double[] valence;
    /** Booster (+) or dampener (-) increment per id; 0 when none. */
    final double[] booster;
    /** Own valence of a profane booster ("fucking") when it modifies nothing; NaN otherwise. */
    final double[] ownValence;
    final int[] flags;

    /** Phrase indexes by the id of their first word (null when none), longest first. */
    final int[][] phrasesByFirst;
    final int[] phrasesByCount;
    final int[] phrasesByOrdinal;
    final int[][] phraseElements;
    final double[] phraseValue;
    /** True: the phrase is a multi-word booster/dampener ("kind of"); its value is the increment. */
    final boolean[] phraseIsBooster;
    final boolean[] phraseNeutralWhenNegated;

    /** Sorted emoji code points and their token ids. */
    final int[] emojiCodePoints;
    final int[] emojiIds;

    /** Profane words for matching masked spellings ("f***", "sh*t"). */
    final char[][] profaneWords;
    final int[] profaneIds;

    final int idToo;
    final int idNothing;
    final int idHave;
    final int idNo;
    final int idNever;
    final int idSo;
    final int idThis;
    final int idWithout;
    final int idDoubt;
    final int idLeast;
    final int idAt;
    final int idVery;
    final int idBut;
    final int idOr;
    final int idNor;

    private static final class Holder {
        static final SentimentLexicon WITH_DOMAIN = load(true);
        static final SentimentLexicon VADER_ONLY = load(false);
    }

    static SentimentLexicon get(boolean supportDomain) {
        return supportDomain ? Holder.WITH_DOMAIN : Holder.VADER_ONLY;
    }

    static SentimentLexicon load(boolean supportDomain) {
        Builder b = new Builder();
        b.loadVader();
        b.addVaderRules();
        b.addEmoji();
        if (supportDomain) {
            SupportPhrases.registerWords(b);
        }
        b.deriveForms();
        if (supportDomain) {
            SupportPhrases.register(b);
        }
        return new SentimentLexicon(b, supportDomain);
    }

    private SentimentLexicon(Builder b, boolean supportDomain) {
        this.supportDomain = supportDomain;
        table = b.table;
        int n = table.size();
        valence = Arrays.copyOf(b.valence, n);
        booster = Arrays.copyOf(b.booster, n);
        ownValence = Arrays.copyOf(b.ownValence, n);
        flags = Arrays.copyOf(b.flags, n);

        int p = b.phrases.size();
        phraseElements = new int[p][];
        phraseValue = new double[p];
        phraseIsBooster = new boolean[p];
        phraseNeutralWhenNegated = new boolean[p];
        for (int i = 0; i < p; i++) {
            PhraseDef d = b.phrases.get(i);
            phraseElements[i] = d.elements;
            phraseValue[i] = d.value;
            phraseIsBooster[i] = d.booster;
            phraseNeutralWhenNegated[i] = d.negated == Negated.NEUTRAL;
        }
        List<List<Integer>> byFirst = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byFirst.add(null);
        }
        List<Integer> byCount = new ArrayList<>();
        List<Integer> byOrdinal = new ArrayList<>();
        for (int i = 0; i < p; i++) {
            int first = phraseElements[i][0];
            List<Integer> list;
            if (first == E_COUNT) {
                list = byCount;
            } else if (first == E_ORDINAL) {
                list = byOrdinal;
            } else {
                list = byFirst.get(first);
                if (list == null) {
                    list = new ArrayList<>();
                    byFirst.set(first, list);
                }
            }
            list.add(i);
        }
        phrasesByFirst = new int[n][];
        for (int i = 0; i < n; i++) {
            if (byFirst.get(i) != null) {
                phrasesByFirst[i] = longestFirst(byFirst.get(i));
            }
        }
        phrasesByCount = longestFirst(byCount);
        phrasesByOrdinal = longestFirst(byOrdinal);

        int[][] emoji = b.emoji.toArray(new int[0][]);
        Arrays.sort(emoji, Comparator.comparingInt(e -> e[0]));
        emojiCodePoints = new int[emoji.length];
        emojiIds = new int[emoji.length];
        for (int i = 0; i < emoji.length; i++) {
            emojiCodePoints[i] = emoji[i][0];
            emojiIds[i] = emoji[i][1];
        }
        profaneIds = b.profane.stream().mapToInt(Integer::intValue).toArray();
        profaneWords = new char[profaneIds.length][];
        for (int i = 0; i < profaneIds.length; i++) {
            profaneWords[i] = table.word(profaneIds[i]).toCharArray();
        }

        idToo = table.intern("too");
        idNothing = table.intern("nothing");
        idHave = table.intern("have");
        idNo = table.intern("no");
        idNever = table.intern("never");
        idSo = table.intern("so");
        idThis = table.intern("this");
        idWithout = table.intern("without");
        idDoubt = table.intern("doubt");
        idLeast = table.intern("least");
        idAt = table.intern("at");
        idVery = table.intern("very");
        idBut = table.intern("but");
        idOr = table.intern("or");
        idNor = table.intern("nor");
        if (table.size() != n) {
            throw new IllegalStateException("rule words must be interned by the builder");
        }
    }

    private int[] longestFirst(List<Integer> list) {
        return list.stream()
                .sorted(Comparator.comparingInt((Integer i) -> -phraseElements[i].length))
                .mapToInt(Integer::intValue)
                .toArray();
    }

    /** Token id of an emoji code point, or {@link TokenTable#ABSENT}. */
    int emojiId(int codePoint) {
        int i = Arrays.binarySearch(emojiCodePoints, codePoint);
        return i >= 0 ? emojiIds[i] : TokenTable.ABSENT;
    }

    /**
     * Id of the profane word that a masked spelling stands for ("f***" → fuck, "sh*t" → shit): same
     * length, the first char a letter that matches, every other char either matching or a mask char.
     */
    int maskedProfanity(CharSequence text, int start, int end) {
        int len = end - start;
        if (len < 3 || !Character.isLetter(text.charAt(start))) {
            return TokenTable.ABSENT;
        }
        outer:
        for (int w = 0; w < profaneWords.length; w++) {
            char[] word = profaneWords[w];
            if (word.length != len) {
                continue;
            }
            boolean masked = false;
            for (int i = 0; i < len; i++) {
                char c = text.charAt(start + i);
                if (isMaskChar(c) && i > 0) {
                    masked = true;
                } else if (TokenTable.fold(c) != word[i]) {
                    continue outer;
                }
            }
            if (masked) {
                return profaneIds[w];
            }
        }
        return TokenTable.ABSENT;
    }

    static boolean isMaskChar(char c) {
        return c == '*' || c == '#' || c == '@' || c == '$' || c == '%' || c == '!' || c == '&';
    }

    boolean hasValence(int id) {
        return id >= 0 && !Double.isNaN(valence[id]);
    }

    private record PhraseDef(int[] elements, double value, boolean booster, Negated negated) {}

    /** Collects words and phrases; the support-domain layer registers through it. */
    static final class Builder {
        private final TokenTable table = new TokenTable();
        private double[] valence = new double[0];
        private double[] booster = new double[0];
        private double[] ownValence = new double[0];
        private int[] flags = new int[0];
        private final List<PhraseDef> phrases = new ArrayList<>();
        private final List<int[]> emoji = new ArrayList<>();
        private final List<Integer> profane = new ArrayList<>();

        Builder() {
            for (String w : List.of("would", "could", "should", "might")) {
                int id = id(w);
                flags[id] |= F_MODAL;
            }
            for (String w : List.of("would've", "could've", "should've", "might've", "woulda", "coulda", "shoulda")) {
                int id = id(w);
                flags[id] |= F_MODAL_PERFECT;
            }
            for (String w : List.of("too", "nothing", "have", "no", "never", "so", "this", "without", "doubt", "least", "at",
                    "very", "but", "or", "nor")) {
                id(w);
            }
            for (String w : List.of("two", "three", "four", "five", "six", "seven", "eight", "nine",
                    "ten", "eleven", "twelve", "fifteen", "twenty", "hundred", "several", "multiple",
                    "many", "numerous", "countless", "dozen", "dozens", "million", "thousand")) {
                int id = id(w);
                flags[id] |= F_COUNT;
            }
            for (String w : List.of("second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
                    "ninth", "tenth", "eleventh", "twelfth", "twentieth", "umpteenth", "nth",
                    "hundredth", "millionth", "thousandth")) {
                int id = id(w);
                flags[id] |= F_ORDINAL;
            }
        }

        private int id(String word) {
            int id = table.intern(word);
            if (id >= valence.length) {
                int cap = Math.max(1024, valence.length * 2);
                int old = valence.length;
                valence = Arrays.copyOf(valence, cap);
                booster = Arrays.copyOf(booster, cap);
                ownValence = Arrays.copyOf(ownValence, cap);
                flags = Arrays.copyOf(flags, cap);
                Arrays.fill(valence, old, cap, Double.NaN);
                Arrays.fill(ownValence, old, cap, Double.NaN);
            }
            return id;
        }

        void loadVader() {
            InputStream in = SentimentLexicon.class.getResourceAsStream(VADER_RESOURCE);
            if (in == null) {
                throw new IllegalStateException("classpath resource " + VADER_RESOURCE
                        + " is missing next to " + SentimentLexicon.class.getName()
                        + " (the build unpacks it from the VADER artifact)");
            }
            // ASCII apart from two emoticons with a Latin-1 'Þ' (":-Þ"): not valid UTF-8
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.ISO_8859_1))) {
                String line;
                int lineNo = 0;
                while ((line = r.readLine()) != null) {
                    lineNo++;
                    String[] parts = line.strip().split("\t");
                    if (parts.length < 2 || parts[0].isEmpty()) {
                        continue;
                    }
                    double v;
                    try {
                        v = Double.parseDouble(parts[1]);
                    } catch (NumberFormatException e) {
                        throw new IllegalStateException(VADER_RESOURCE + ":" + lineNo + ": bad valence '" + parts[1] + "'");
                    }
                    String word = parts[0];
                    if (word.indexOf(' ') >= 0) {
                        // Multi-word entries ("fed up", "can't stand") become phrases; emoticons
                        // with spaces can never be one token and are left out.
                        if (Arrays.stream(word.split(" ")).allMatch(s -> s.chars().anyMatch(Character::isLetter))) {
                            phrase(v, Negated.FLIP, word);
                        }
                    } else {
                        int id = id(word);
                        valence[id] = v; // a later duplicate wins, as in VADER
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("reading " + VADER_RESOURCE, e);
            }
        }

        void addVaderRules() {
            for (String w : VaderRules.NEGATIONS) {
                int id = id(w);
                flags[id] |= F_NEGATION;
            }
            for (String w : VaderRules.BOOSTERS) {
                int id = id(w);
                booster[id] = VaderRules.B_INCR;
            }
            for (String w : VaderRules.DAMPENERS) {
                int id = id(w);
                booster[id] = VaderRules.B_DECR;
            }
            for (String p : VaderRules.DAMPENER_PHRASES) {
                phrases.add(new PhraseDef(elements(p), VaderRules.B_DECR, true, Negated.FLIP));
            }
            for (Map.Entry<String, Double> e : VaderRules.SPECIAL_CASES.entrySet()) {
                phrase(e.getValue(), Negated.FLIP, e.getKey());
            }
            for (Map.Entry<String, Double> e : VaderRules.IDIOMS.entrySet()) {
                phrase(e.getValue(), Negated.FLIP, e.getKey());
            }
        }

        /**
         * Forms of lexicon words that VADER's lexicon lacks, with the same valence: plural or third
         * person ("lacks", "delays"), adverb ("poorly", "terribly", "happily"), past and gerund
         * ("crashed", "lacking"); and opposites ("unfunny", "unhelpful", "humorless") at
         * {@link VaderRules#N_SCALAR} of a positive word. Only words with |valence| of at least
         * {@link #DERIVE_MIN_VALENCE}, and never a word another rule reads (boosters, negations) or
         * one whose derived form means something else ("hand" → "hands", "like" → "likely").
         * A form already in the lexicon keeps its own rating.
         */
        void deriveForms() {
            int n = table.size();
            List<String> forms = new ArrayList<>();
            List<Double> values = new ArrayList<>();
            for (int id = 0; id < n; id++) {
                double v = valence[id];
                String w = table.word(id);
                if (Double.isNaN(v) || Math.abs(v) < DERIVE_MIN_VALENCE || w.length() < 3
                        || booster[id] != 0 || (flags[id] & F_NEGATION) != 0 || NOT_DERIVED.contains(w)
                        || !w.chars().allMatch(c -> c >= 'a' && c <= 'z')) {
                    continue;
                }
                for (String f : inflections(w)) {
                    forms.add(f);
                    values.add(v);
                }
                if (v > 0 && w.length() >= 4) {
                    forms.add("un" + w);
                    values.add(v * VaderRules.N_SCALAR);
                    forms.add(w + "less");
                    values.add(v * VaderRules.N_SCALAR);
                }
            }
            for (int i = 0; i < forms.size(); i++) {
                int before = table.size();
                int id = id(forms.get(i));
                if (id >= before) { // new words only: the lexicon's own ratings and rule words win
                    valence[id] = values.get(i);
                }
            }
        }

        private static List<String> inflections(String w) {
            List<String> out = new ArrayList<>(5);
            int len = w.length();
            char last = w.charAt(len - 1);
            boolean consonantY = last == 'y' && "aeiou".indexOf(w.charAt(len - 2)) < 0;
            String stem = w.substring(0, len - 1);
            if (w.endsWith("s") || w.endsWith("x") || w.endsWith("z") || w.endsWith("ch") || w.endsWith("sh")) {
                out.add(w + "es");
            } else {
                out.add(consonantY ? stem + "ies" : w + "s");
            }
            if (!w.endsWith("ly")) {
                if (w.endsWith("le")) {
                    out.add(stem + "y");
                } else if (last == 'y') {
                    out.add(stem + "ily");
                } else if (w.endsWith("ic")) {
                    out.add(w + "ally");
                } else {
                    out.add(w + "ly");
                }
            }
            if (last == 'e') {
                out.add(w + "d");
                out.add(stem + "ing");
            } else if (consonantY) {
                out.add(stem + "ied");
                out.add(w + "ing");
            } else {
                out.add(w + "ed");
                out.add(w + "ing");
            }
            return out;
        }

        void addEmoji() {
            for (double[] e : EmojiValence.TABLE) {
                int cp = (int) e[0];
                int id = id(new String(Character.toChars(cp)));
                valence[id] = e[1];
                emoji.add(new int[] {cp, id});
            }
        }

        /** Single words VADER's lexicon lacks; a word it has keeps its rating. */
        void words(double value, String... words) {
            for (String w : words) {
                int before = table.size();
                int id = id(w);
                if (id >= before || Double.isNaN(valence[id])) {
                    valence[id] = value;
                }
            }
        }

        /** Phrases with a valence that replaces the valence of their words. */
        void phrase(double value, Negated negated, String... texts) {
            for (String text : texts) {
                phrases.add(new PhraseDef(elements(text), value, false, negated));
            }
        }

        /**
         * Profane words: their valence (replacing VADER's), and matched in masked spellings. A
         * profane booster keeps boosting and carries {@code value} only when it modifies nothing.
         */
        void profanity(double value, String... words) {
            for (String w : words) {
                int id = id(w);
                flags[id] |= F_PROFANE;
                if (booster[id] != 0) {
                    ownValence[id] = value;
                } else {
                    valence[id] = value;
                }
                profane.add(id);
            }
        }

        private int[] elements(String text) {
            String[] words = text.split(" ");
            int[] out = new int[words.length];
            for (int i = 0; i < words.length; i++) {
                out[i] = switch (words[i]) {
                    case "<count>" -> E_COUNT;
                    case "<ordinal>" -> E_ORDINAL;
                    default -> id(words[i]);
                };
            }
            return out;
        }
    }
}
