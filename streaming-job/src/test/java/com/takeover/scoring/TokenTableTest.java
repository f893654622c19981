package com.takeover.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TokenTableTest {

    @Test
    void findsAWordInARegionOfTheTextWhateverItsCase() {
        TokenTable t = new TokenTable();
        int good = t.intern("good");
        int dont = t.intern("don't");

        assertEquals(good, t.lookup("so GOOD!", 3, 7));
        assertEquals(good, t.lookup("Good", 0, 4));
        assertEquals(dont, t.lookup("I don\u2019t know", 2, 7), "typographic apostrophe folds to '");
        assertEquals(TokenTable.ABSENT, t.lookup("so GOOD!", 3, 8), "the region, not the word, is looked up");
        assertEquals(TokenTable.ABSENT, t.lookup("goo", 0, 3));
        assertEquals(TokenTable.ABSENT, t.lookup("", 0, 0));
    }

    @Test
    void internReturnsTheSameIdForTheSameWordInAnyCase() {
        TokenTable t = new TokenTable();
        int a = t.intern("Refund");
        assertEquals(a, t.intern("refund"));
        assertEquals(a, t.intern("REFUND"));
        assertEquals(1, t.size());
        assertEquals("refund", t.word(a));
    }

    @Test
    void keepsEveryWordThroughGrowthAndAgreesWithAMapOnWordsInAndOut() {
        TokenTable t = new TokenTable();
        Map<String, Integer> expected = new HashMap<>();
        Random random = new Random(7);
        List<String> words = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            words.add(randomWord(random));
        }
        for (String w : words.subList(0, 10_000)) {
            int id = t.intern(w);
            assertEquals(id, expected.computeIfAbsent(w.toLowerCase(Locale.ROOT), k -> id), w);
        }
        assertEquals(expected.size(), t.size());
        for (String w : words) {
            String padded = "<" + w.toUpperCase(Locale.ROOT) + ">";
            int found = t.lookup(padded, 1, padded.length() - 1);
            Integer id = expected.get(w.toLowerCase(Locale.ROOT));
            assertEquals(id == null ? TokenTable.ABSENT : id, found, w);
            if (id != null) {
                assertEquals(w.toLowerCase(Locale.ROOT), t.word(id));
            }
        }
    }

    @Test
    void wordsWithTheSameHashAreToldApart() {
        // the slots hold each word's hash: equal hashes must still be told apart by the words themselves
        assertEquals("az".hashCode(), "b[".hashCode());
        TokenTable t = new TokenTable();
        int az = t.intern("az");
        assertEquals(TokenTable.ABSENT, t.lookup("b[", 0, 2));
        int b = t.intern("b[");
        assertEquals(az, t.lookup("AZ", 0, 2));
        assertEquals(b, t.lookup("B[", 0, 2));
        assertEquals(2, t.size());
    }

    private static String randomWord(Random r) {
        int len = 1 + r.nextInt(9);
        StringBuilder b = new StringBuilder(len);
        for (int i = 0; i < len; i++) {
            b.append((char) ('a' + r.nextInt(6)));
        }
        return b.toString();
    }
}
