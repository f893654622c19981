package com.takeover.scoring;

import java.util.Locale;
import java.util.Set;

/**
 * Whether a customer message closes the exchange ("thank you so much", "great, thanks, bye") rather than
 * asking for something. A customer who signs off is not waiting for an answer: without this, a happy
 * customer who leaves without the platform sending an end event raised a stall alert every cooldown until
 * the conversation was closed as abandoned.
 *
 * <p>A sign-off is short (at most {@value #MAX_WORDS} words), has a closing word (thanks, cheers, bye,
 * "that's all", "all good"...), and nothing that keeps the exchange open: no question mark, no clause
 * opening with a question word ("thanks. when will it arrive"; "just what I needed" is fine), no request
 * word (can, please, need...), no "but", "still" or negation ("thanks but it still doesn't work"), no "in
 * advance". English only, like the other support phrases.
 */
public final class SignOff {
    static final int MAX_WORDS = 14;

    private static final Set<String> CLOSING_WORDS = Set.of("thanks", "thank", "thx", "ty", "tysm", "cheers",
            "bye", "goodbye", "cya", "ciao", "ta", "appreciate", "appreciated");
    private static final Set<String> CLOSING_PHRASES = Set.of("that's all", "thats all", "that is all",
            "all good", "all sorted", "all set", "that's it", "thats it", "problem solved", "that helps",
            "that helped", "have a nice day", "have a good day", "sorted now", "works now");
    private static final Set<String> OPEN_WORDS = Set.of("but", "still", "however", "though", "although",
            "except", "not", "never", "can", "could", "would", "will", "please", "pls", "plz", "need", "want",
            "advance", "also", "another", "again", "wait", "waiting", "if");
    /** Ask something when they open a clause ("thanks. when will it arrive"), not inside one ("just what I needed"). */
    private static final Set<String> QUESTION_WORDS = Set.of("why", "how", "what", "when", "where", "which", "who",
            "what's", "when's", "where's", "how's", "is", "are", "do", "does", "did");

    private static final int CLOSING = 1;
    private static final int OPEN = 2;
    private static final int QUESTION = 4;
    /** The word lists in one table, looked up straight from the text: no String per word. */
    private static final TokenTable WORDS = new TokenTable();
    private static final int[] KIND = new int[CLOSING_WORDS.size() + OPEN_WORDS.size() + QUESTION_WORDS.size()];

    static {
        mark(CLOSING_WORDS, CLOSING);
        mark(OPEN_WORDS, OPEN);
        mark(QUESTION_WORDS, QUESTION);
    }

    private static void mark(Set<String> words, int kind) {
        for (String w : words) {
            KIND[WORDS.intern(w)] |= kind;
        }
    }

    private SignOff() {}

    public static boolean isSignOff(String text) {
        if (text == null || text.isBlank() || text.indexOf('?') >= 0) {
            return false;
        }
        // Lower-casing an ASCII text is folding each char as it is read; another text is lower-cased
        // first, as a whole, since that can change its length (a capital dotted I becomes two chars).
        String lower = asciiOrQuote(text) ? text : text.toLowerCase(Locale.ROOT).replace('\u2019', '\'');
        // One scan instead of String.split, which compiled both patterns on every call (a fifth of the
        // scorer's time): words are runs of [a-z'], clauses end at runs of [.!,;:].
        StringBuilder joined = new StringBuilder(lower.length());
        int words = 0;
        boolean closing = false;
        boolean first = true;
        int n = lower.length();
        int i = 0;
        while (i < n) {
            char c = fold(lower.charAt(i));
            if (isWordChar(c)) {
                int start = i;
                while (i < n && isWordChar(fold(lower.charAt(i)))) {
                    i++;
                }
                int id = WORDS.lookup(lower, start, i);
                int kind = id == TokenTable.ABSENT ? 0 : KIND[id];
                if ((kind & OPEN) != 0 || endsWithNt(lower, start, i) || (first && (kind & QUESTION) != 0)) {
                    return false;
                }
                first = false;
                if (++words > MAX_WORDS) {
                    return false;
                }
                if (words > 1) {
                    joined.append(' ');
                }
                for (int k = start; k < i; k++) {
                    joined.append(fold(lower.charAt(k)));
                }
                closing |= (kind & CLOSING) != 0;
            } else {
                if (c == '.' || c == '!' || c == ',' || c == ';' || c == ':') {
                    first = true;
                }
                i++;
            }
        }
        if (words == 0) {
            return false;
        }
        if (closing) {
            return true;
        }
        for (String p : CLOSING_PHRASES) {
            if (joined.indexOf(p) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** Only ASCII chars and typographic apostrophes (U+2019), which {@link #fold} lower-cases alone. */
    private static boolean asciiOrQuote(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 128 && c != '\u2019') {
                return false;
            }
        }
        return true;
    }

    /** A char as the lower-cased text has it (ASCII capitals, U+2019 as an apostrophe). */
    private static char fold(char c) {
        if (c >= 'A' && c <= 'Z') {
            return (char) (c + 32);
        }
        return c == '\u2019' ? '\'' : c;
    }

    /** The word ends in "n't" ("doesn't", "can't"): a negation keeps the exchange open. */
    private static boolean endsWithNt(String lower, int start, int end) {
        return end - start >= 3 && fold(lower.charAt(end - 3)) == 'n' && fold(lower.charAt(end - 2)) == '\''
                && fold(lower.charAt(end - 1)) == 't';
    }

    private static boolean isWordChar(char c) {
        return (c >= 'a' && c <= 'z') || c == '\'';
    }
}
