package com.takeover.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.takeover.testing.TextCorpus;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

/**
 * The masker's IBAN scan and its card and phone pre-checks change no output: the same masked text as the
 * masker before them over every corpus text, texts full of PII-like numbers and random strings of digits and
 * separators; and, shown directly, no card or phone pattern matches before where the pre-check starts it,
 * and the IBAN scan finds the candidates the regular expression found.
 */
class PiiMaskerEquivalenceTest {
    private final PiiMasker masker = new PiiMasker();
    private final PiiMaskerBefore before = new PiiMaskerBefore();

    @Test
    void masksAsBeforeOverEveryCorpusText() {
        List<String> texts = TextCorpus.texts();
        List<String> differ = new ArrayList<>();
        int changed = 0;
        for (String t : texts) {
            String expected = before.mask(t);
            if (!expected.equals(masker.mask(t))) {
                differ.add(t);
            }
            changed += expected.equals(t) ? 0 : 1;
        }
        assertThat(differ).isEmpty();
        assertThat(texts.size()).isGreaterThan(5_000);
        assertThat(changed).isGreaterThan(100);
    }

    @Test
    void masksAsBeforeOverNumberHeavyTexts() {
        List<String> texts = numberHeavyTexts();
        List<String> differ = new ArrayList<>();
        int[] kinds = new int[4];
        for (String t : texts) {
            String expected = before.mask(t);
            if (!expected.equals(masker.mask(t))) {
                differ.add(t);
            }
            kinds[0] += expected.contains(PiiMasker.EMAIL) ? 1 : 0;
            kinds[1] += expected.contains(PiiMasker.IBAN) ? 1 : 0;
            kinds[2] += expected.contains(PiiMasker.CARD) ? 1 : 0;
            kinds[3] += expected.contains(PiiMasker.PHONE) ? 1 : 0;
        }
        assertThat(differ).isEmpty();
        // every detector masked something in them
        for (int k : kinds) {
            assertThat(k).isGreaterThan(200);
        }
    }

    @Test
    void noCardOrPhoneMatchStartsBeforeItsPreCheck() {
        List<String> texts = corpusAndNumberHeavyTexts();
        List<String> unsound = new ArrayList<>();
        int cards = 0;
        int phones = 0;
        for (String t : texts) {
            Matcher card = PiiMasker.CARD_PATTERN.matcher(t);
            if (card.find()) {
                cards++;
                int run = PiiMasker.digitRunStart(t, 13, 1);
                if (run < 0 || card.start() < run) {
                    unsound.add("card: " + t);
                }
            }
            Matcher phone = PiiMasker.PHONE_PATTERN.matcher(t);
            if (phone.find()) {
                phones++;
                int run = PiiMasker.digitRunStart(t, 7, 5);
                if (run < 0 || phone.start() < run - 3) {
                    unsound.add("phone: " + t);
                }
            }
        }
        assertThat(unsound).isEmpty();
        // the widest gap a phone allows, and its widest start: ")" " / " "(" between digits, "+ (" before them
        String widest = "+ (030) / (12) 345 67";
        Matcher phone = PiiMasker.PHONE_PATTERN.matcher(widest);
        assertThat(phone.find()).isTrue();
        assertThat(phone.start()).isEqualTo(PiiMasker.digitRunStart(widest, 7, 5) - 3);
        assertThat(PiiMasker.digitRunStart(widest, 7, 4)).isGreaterThan(phone.start() + 3); // a gap of four is too narrow
        assertThat(cards).isGreaterThan(500);
        assertThat(phones).isGreaterThan(500);
    }

    @Test
    void ibanScanFindsWhatTheRegularExpressionFound() {
        List<String> texts = corpusAndNumberHeavyTexts();
        List<String> differ = new ArrayList<>();
        int found = 0;
        for (String t : texts) {
            Matcher m = PiiMaskerBefore.IBAN_START.matcher(t);
            for (int from = 0; from < t.length(); from++) {
                int expected = m.find(from) ? m.start() : -1;
                if (PiiMasker.ibanStart(t, from) != expected) {
                    differ.add(from + ": " + t);
                    break;
                }
                found += expected == from ? 1 : 0;
            }
        }
        assertThat(differ).isEmpty();
        assertThat(found).isGreaterThan(1_000);
    }

    private static List<String> corpusAndNumberHeavyTexts() {
        List<String> texts = new ArrayList<>(TextCorpus.texts());
        texts.addAll(numberHeavyTexts());
        return texts;
    }

    /**
     * Seeded texts made of the shapes the masker tells apart (phones in every grouping, cards, IBANs with
     * right and wrong check digits, e-mails, dates, amounts, order references), glued by words and
     * separators; and random strings of digits, separators and a few letters.
     */
    static List<String> numberHeavyTexts() {
        String[] pieces = {"+44 7700 900123", "+1 (555) 123-4567", "+ (555) 123 4567", "(555) 123 4567",
            "0049 30 1234567", "030 / 123 4567", "030/1234567", "555.123.4567", "01.23.45.67.89", "0171.1234567",
            "07700900123", "5551234567", "4111 1111 1111 1111", "4111-1111-1111-1111", "4242424242424242",
            "3782 822463 10005", "4111 1111 1111 1112", "DE89 3704 0044 0532 0130 00", "DE88370400440532013000",
            "GB29 NWBK 6016 1331 9268 19", "gb29nwbk60161331926819", "NL91ABNA0417164300", "jane@example.com",
            "j.d+x@mail.example.co.uk", "2024-03-15", "15.03.2024", "3/15/2024", "2023/2024", "1.299.000",
            "3.14159265", "#4821399", "1Z999AA10123456784", "12/27", "X200", "0x80070005", "$246.71",
            "(030) / (12) 345 67", "+ (030) / (12) 345 67"};
        String[] glue = {" ", ", ", " order ", " call me on ", " ticket no. ", " my card ", " IBAN: ", "-", "/",
            ".", " (", ") ", "#", "+", " mobile: ", " ref ", "", "a", " customer id ", " tel "};
        Random r = new Random(20261207L);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            StringBuilder b = new StringBuilder();
            int n = 1 + r.nextInt(4);
            for (int k = 0; k < n; k++) {
                b.append(glue[r.nextInt(glue.length)]).append(pieces[r.nextInt(pieces.length)]);
            }
            if (r.nextBoolean()) {
                b.append(glue[r.nextInt(glue.length)]);
            }
            out.add(b.toString());
        }
        String alphabet = "0123456789012345678901234567890123456789 -/.()+#@:aZgbDE";
        for (int i = 0; i < 50_000; i++) {
            StringBuilder b = new StringBuilder();
            int n = 1 + r.nextInt(40);
            for (int k = 0; k < n; k++) {
                b.append(alphabet.charAt(r.nextInt(alphabet.length())));
            }
            out.add(b.toString());
        }
        return out;
    }
}
