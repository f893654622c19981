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

    private char[][] keys = new char[64][];
    private int size;
    private int[] slots = new int[128]; // id + 1, 0 = empty
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
        char[] key = new char[word.length()];
        for (int i = 0; i < key.length; i++) {
            key[i] = fold(word.charAt(i));
        }
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
        }
        int id = size++;
        keys[id] = key;
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
        return new String(keys[id]);
    }

    /** The id of {@code text[start, end)} folded, or {@link #ABSENT}. */
    int lookup(CharSequence text, int start, int end) {
        int len = end - start;
        int h = 0;
        for (int i = start; i < end; i++) {
            h = 31 * h + fold(text.charAt(i));
        }
        int slot = spread(h) & mask;
        while (true) {
            int entry = slots[slot];
            if (entry == 0) {
                return ABSENT;
            }
            char[] key = keys[entry - 1];
            if (key.length == len && matches(key, text, start)) {
                return entry - 1;
            }
            slot = (slot + 1) & mask;
        }
    }

    private static boolean matches(char[] key, CharSequence text, int start) {
        for (int i = 0; i < key.length; i++) {
            if (key[i] != fold(text.charAt(start + i))) {
                return false;
            }
        }
        return true;
    }

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }

    private void place(int id) {
        char[] key = keys[id];
        int h = 0;
        for (char c : key) {
            h = 31 * h + c;
        }
        int slot = spread(h) & mask;
        while (slots[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        slots[slot] = id + 1;
    }

    private void rehash(int capacity) {
        slots = new int[capacity];
        mask = capacity - 1;
        for (int id = 0; id < size; id++) {
            place(id);
        }
    }
}
