package com.takeover.scoring;

import java.util.Arrays;

/**
 * Case-insensitive map from a word to a dense int id, looked up straight from a region of the
 * message text: the hot loop never builds a lower-cased String per token.
 *
 * <p>Case folding: ASCII letters, any other char through {@link Character#toLowerCase(char)},
 * and typographic apostrophes (U+2018, U+2019, U+02BC) fold to {@code '}, so "don’t" finds "don't".
 * Built once, read-only afterwards, safe to share between threads.
 */
final class TokenTable {
    static final int ABSENT = -1;

    // Laid out for the cache: most tokens of a message are in no table, and a miss reads only the slots (a
    // word's full hash and id in one long), never a key. The keys sit end to end in one array. With a key
    // array per word, a miss followed a pointer per occupied slot it probed; in the running job, where the
    // tables are rarely in cache, that made the lexicon's lookups a seventh of the scoring thread.
    private char[] chars = new char[512];
    private int[] starts = new int[65]; // key i is chars[starts[i], starts[i + 1])
    private int size;
    private long[] slots = new long[128]; // (hash << 32) | (id + 1); 0 = empty
    private int mask = 127;

    /** Folds one char the way lookups do. */
    static char fold(char c) {
        if (c < 128) {
            return (c >= 'A' && c <= 'Z') ? (char) (c + 32) : c;
        }
        if (c == '\u2019' || c == '\u2018' || c == '\u02BC') {
            return '\'';
        }
        return Character.toLowerCase(c);
    }

    /** Returns the id of {@code word}, adding it when new. */
    int intern(String word) {
        int existing = lookup(word, 0, word.length());
        if (existing != ABSENT) {
            return existing;
        }
        int from = starts[size];
        if (from + word.length() > chars.length) {
            chars = Arrays.copyOf(chars, Math.max(chars.length * 2, from + word.length()));
        }
        for (int i = 0; i < word.length(); i++) {
            chars[from + i] = fold(word.charAt(i));
        }
        if (size + 2 > starts.length) {
            starts = Arrays.copyOf(starts, starts.length * 2);
        }
        int id = size++;
        starts[size] = from + word.length();
        if (size * 2 > slots.length) {
            rehash(slots.length * 2);
        } else {
            place(id);
        }
        return id;
    }

    int size() {
        return size;
    }

    String word(int id) {
        return new String(chars, starts[id], starts[id + 1] - starts[id]);
    }

    /** The id of {@code text[start, end)} folded, or {@link #ABSENT}. */
    int lookup(CharSequence text, int start, int end) {
        int h = 0;
        for (int i = start; i < end; i++) {
            h = 31 * h + fold(text.charAt(i));
        }
        int slot = spread(h) & mask;
        while (true) {
            long entry = slots[slot];
            if (entry == 0) {
                return ABSENT;
            }
            if ((int) (entry >>> 32) == h) {
                int id = (int) entry - 1;
                if (matches(id, text, start, end)) {
                    return id;
                }
            }
            slot = (slot + 1) & mask;
        }
    }

    private boolean matches(int id, CharSequence text, int start, int end) {
        int from = starts[id];
        if (starts[id + 1] - from != end - start) {
            return false;
        }
        for (int i = start; i < end; i++) {
            if (chars[from++] != fold(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }

    private void place(int id) {
        int h = 0;
        for (int i = starts[id]; i < starts[id + 1]; i++) {
            h = 31 * h + chars[i];
        }
        int slot = spread(h) & mask;
        while (slots[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        slots[slot] = ((long) h << 32) | (id + 1);
    }

    private void rehash(int capacity) {
        slots = new long[capacity];
        mask = capacity - 1;
        for (int id = 0; id < size; id++) {
            place(id);
        }
    }
}
