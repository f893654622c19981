package com.takeover.privacy;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks PII in text that leaves the scoring core (alert previews, the lake), in this order:
 * <ol>
 *   <li>e-mail addresses → {@code [email]};
 *   <li>IBANs → {@code [iban]}: a known country code, two check digits and the BBAN, spaces
 *       allowed, exactly the country's IBAN length, and the ISO 13616 mod-97 check must hold (a
 *       mistyped IBAN, right shape but wrong check digits, is left alone as a whole);
 *   <li>payment card numbers → {@code [card]}: 13–19 digits, single spaces or dashes allowed
 *       between digits, and only when the Luhn check holds (so most other long numbers survive);
 *   <li>phone numbers → {@code [phone]}: 7–15 digits (E.164's limits), with digits grouped by single
 *       spaces, dashes, slashes, dots or parentheses. A number is a phone when it starts with "+"
 *       (whatever word comes before it), or starts with "00" or is written in groups; a plain run of
 *       digits only when it starts with 0 and has 10–11 digits (a national mobile or landline) or
 *       follows a phone word ("call me on", "mobile:"). Dots group a phone only with two or more
 *       ("555.123.4567", "01.23.45.67.89"; one dot is a decimal). Never a phone: a number right after
 *       an order-like word ("order 5519023", "ticket no. 123-4567", "tracking: 1Z..."), after "#",
 *       a date (2024-03-15, 15.03.2024, 15/03/2024), a span of years (2023/2024) or an amount with
 *       dots between thousands (1.299.000).
 * </ol>
 * Null-safe (null in, null out). Stateless and thread-safe.
 */
public final class PiiMasker implements Serializable {
    private static final long serialVersionUID = 2L;

    public static final String EMAIL = "[email]";
    public static final String IBAN = "[iban]";
    public static final String CARD = "[card]";
    public static final String PHONE = "[phone]";

    static final Pattern EMAIL_PATTERN = Pattern.compile(
            "(?<![\\w.+-])[A-Za-z0-9](?:[A-Za-z0-9._%+-]*[A-Za-z0-9_%+-])?@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
                    + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\\.[A-Za-z]{2,24}\\b");

    /** IBAN length per country (ISO 13616 registry). */
    private static final Map<String, Integer> IBAN_LENGTH = Map.ofEntries(
            Map.entry("AD", 24), Map.entry("AE", 23), Map.entry("AL", 28), Map.entry("AT", 20), Map.entry("AZ", 28),
            Map.entry("BA", 20), Map.entry("BE", 16), Map.entry("BG", 22), Map.entry("BH", 22), Map.entry("BR", 29),
            Map.entry("BY", 28), Map.entry("CH", 21), Map.entry("CR", 22), Map.entry("CY", 28), Map.entry("CZ", 24),
            Map.entry("DE", 22), Map.entry("DK", 18), Map.entry("DO", 28), Map.entry("EE", 20), Map.entry("EG", 29),
            Map.entry("ES", 24), Map.entry("FI", 18), Map.entry("FO", 18), Map.entry("FR", 27), Map.entry("GB", 22),
            Map.entry("GE", 22), Map.entry("GI", 23), Map.entry("GL", 18), Map.entry("GR", 27), Map.entry("GT", 28),
            Map.entry("HR", 21), Map.entry("HU", 28), Map.entry("IE", 22), Map.entry("IL", 23), Map.entry("IQ", 23),
            Map.entry("IS", 26), Map.entry("IT", 27), Map.entry("JO", 30), Map.entry("KW", 30), Map.entry("KZ", 20),
            Map.entry("LB", 28), Map.entry("LC", 32), Map.entry("LI", 21), Map.entry("LT", 20), Map.entry("LU", 20),
            Map.entry("LV", 21), Map.entry("LY", 25), Map.entry("MC", 27), Map.entry("MD", 24), Map.entry("ME", 22),
            Map.entry("MK", 19), Map.entry("MR", 27), Map.entry("MT", 31), Map.entry("MU", 30), Map.entry("NL", 18),
            Map.entry("NO", 15), Map.entry("PK", 24), Map.entry("PL", 28), Map.entry("PS", 29), Map.entry("PT", 25),
            Map.entry("QA", 29), Map.entry("RO", 24), Map.entry("RS", 22), Map.entry("SA", 24), Map.entry("SC", 31),
            Map.entry("SD", 18), Map.entry("SE", 24), Map.entry("SI", 19), Map.entry("SK", 24), Map.entry("SM", 27),
            Map.entry("ST", 25), Map.entry("SV", 28), Map.entry("TL", 23), Map.entry("TN", 24), Map.entry("TR", 26),
            Map.entry("UA", 29), Map.entry("VA", 22), Map.entry("VG", 24), Map.entry("XK", 20));

    /** 13–19 digits, single space or dash between digits, not part of a longer number or a "+" phone. */
    static final Pattern CARD_PATTERN = Pattern.compile("(?<![\\d+])\\d(?:[ -]?\\d){12,18}(?!\\d)");

    /**
     * Digits or parenthesised groups, a single space, dash, slash or dot between (a slash or dot with a
     * space on either side: "030 / 1234567"); at least 7 units.
     */
    static final Pattern PHONE_PATTERN = Pattern.compile(
            "(?<![\\w#+/.-])(?:\\+ ?)?(?:\\(\\d{1,5}\\)|\\d)"
                    + "(?:(?:[ -]| ?[/.] ?)?(?:\\(\\d{1,5}\\)|\\d)){6,}(?![\\w]|[./]\\d)");

    /** An order-like word right before a number: the number is a reference, not a phone. */
    private static final Pattern REFERENCE_BEFORE = Pattern.compile(
            "(?i)\\b(?:order|orders|ord|invoice|inv|ticket|case|ref|reference|tracking|track|booking|reservation|"
                    + "confirmation|transaction|txn|receipt|sku|serial|model|po|shipment|parcel|package|rma|claim|"
                    + "item|article|customer|account|acct|member|membership|id|code|voucher|coupon)"
                    + "(?:\\s*(?:no\\.?|nr\\.?|num\\.?|number|id|#|is|was))?\\s*[:#.]?\\s*$");
    /** A phone word right before a plain run of digits. */
    private static final Pattern PHONE_WORD_BEFORE = Pattern.compile(
            "(?i)\\b(?:phone|tel|telephone|mobile|cell|cellphone|call|ring|text|sms|whatsapp|fax|landline|"
                    + "reach|contact)\\b[^\\d\\n]{0,20}$");
    /** Dates (ISO, European, US; dashes, dots or slashes) and spans of years ("2023/2024", "2023-2024"). */
    private static final Pattern DATE = Pattern.compile(
            "\\d{4}([-./])\\d{1,2}\\1\\d{1,2}|\\d{1,2}([-./])\\d{1,2}\\2\\d{4}|(?:19|20)\\d{2} ?[-/] ?(?:19|20)\\d{2}");

    /** An amount with dots between thousands ("1.299.000"), as written in much of Europe. */
    private static final Pattern DOTTED_THOUSANDS = Pattern.compile("\\d{1,3}(?:\\.\\d{3})+");

    public String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        // Every detector needs an '@' or digits (IBAN >= 2, phone >= 7, card >= 13): one pass over the
        // text spares most chat messages all four detectors.
        int digits = 0;
        boolean at = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (c == '@') {
                at = true;
            }
        }
        if (!at && digits < 2) {
            return text;
        }
        // Each detector claims spans of the original text; a later one never touches an earlier
        // claim, so the digits of an e-mail or of a mistyped IBAN are not taken for a phone.
        List<Span> spans = new ArrayList<>();
        boolean masked = false;
        Matcher m;
        if (at) {
            m = EMAIL_PATTERN.matcher(text);
            while (m.find()) {
                spans.add(new Span(m.start(), m.end(), EMAIL));
                masked = true;
            }
        }
        int from = 0;
        int start;
        while (digits >= 2 && from < text.length() && (start = ibanStart(text, from)) >= 0) {
            Span iban = iban(text, start, text.substring(start, start + 2).toUpperCase(Locale.ROOT));
            if (iban != null && free(spans, iban.start(), iban.end())) {
                spans.add(iban);
                masked |= iban.replacement() != null;
                from = iban.end();
            } else {
                from = start + 1;
            }
        }
        // The card and phone patterns are tried at every position of the text; they start at the first
        // run of digits long enough for them (most texts with digits have none: "order #4172250" is
        // too short for a card, "5 days" for both), and no match can start before it.
        int cardRun = digits >= 13 ? digitRunStart(text, 13, 1) : -1;
        if (cardRun >= 0) {
            m = CARD_PATTERN.matcher(text);
            for (boolean found = m.find(cardRun); found; found = m.find()) {
                if (free(spans, m.start(), m.end()) && luhnValid(digitsOf(m.group()))) {
                    spans.add(new Span(m.start(), m.end(), CARD));
                    masked = true;
                }
            }
        }
        int phoneRun = digits >= 7 ? digitRunStart(text, 7, 5) : -1;
        if (phoneRun >= 0) {
            m = PHONE_PATTERN.matcher(text);
            // up to "+ (" before the first digit
            for (boolean found = m.find(Math.max(0, phoneRun - 3)); found; found = m.find()) {
                if (free(spans, m.start(), m.end()) && isPhone(text, m)) {
                    spans.add(new Span(m.start(), m.end(), PHONE));
                    masked = true;
                }
            }
        }
        return masked ? replaced(text, spans) : text;
    }

    /** {@code text} with each span that has a replacement replaced by it; sorts {@code spans}. */
    static String replaced(String text, List<Span> spans) {
        spans.sort(Comparator.comparingInt(Span::start));
        StringBuilder out = new StringBuilder(text.length());
        int last = 0;
        for (Span sp : spans) {
            if (sp.replacement() != null) {
                out.append(text, last, sp.start()).append(sp.replacement());
                last = sp.end();
            }
        }
        return out.append(text, last, text.length()).toString();
    }

    /**
     * The next IBAN candidate at or after {@code from}: two ASCII letters (country code) and two digits (check
     * digits), not glued to a previous letter or digit; -1 when there is none. A char test per position, where
     * the regular expression it replaces ran its look-behind at every position of every text with two digits.
     */
    static int ibanStart(String text, int from) {
        for (int i = from; i + 3 < text.length(); i++) {
            if (isDigit(text.charAt(i + 3)) && isDigit(text.charAt(i + 2)) && isAsciiLetter(text.charAt(i + 1))
                    && isAsciiLetter(text.charAt(i)) && (i == 0 || !isAsciiLetterOrDigit(text.charAt(i - 1)))) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Index of the first digit of the first run of at least {@code minDigits} digits in which each digit
     * follows the previous one after at most {@code maxGap} separators (space, dash, slash, dot or
     * parenthesis); -1 when there is none. A card's digits are such a run with gaps of one (a space or dash),
     * a phone's with gaps of up to five (")", " / ", "("), so neither can match outside one.
     */
    static int digitRunStart(String text, int minDigits, int maxGap) {
        int runStart = -1;
        int count = 0;
        int lastDigit = -1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isDigit(c)) {
                if (count == 0 || i - lastDigit - 1 > maxGap) {
                    runStart = i;
                    count = 0;
                }
                lastDigit = i;
                if (++count >= minDigits) {
                    return runStart;
                }
            } else if (c != ' ' && c != '-' && c != '/' && c != '.' && c != '(' && c != ')') {
                count = 0;
            }
        }
        return -1;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    private static boolean isAsciiLetterOrDigit(char c) {
        return isAsciiLetter(c) || isDigit(c);
    }

    /** A claimed region of the text; a null replacement keeps it as it is (a mistyped IBAN). */
    record Span(int start, int end, String replacement) {}

    static boolean free(List<Span> spans, int start, int end) {
        for (Span sp : spans) {
            if (start < sp.end() && sp.start() < end) {
                return false;
            }
        }
        return true;
    }

    /**
     * An IBAN-shaped run at {@code start} (known country, exactly its length): masked when the
     * check digits hold, otherwise claimed as it is. Null when the run is no IBAN shape.
     */
    static Span iban(String text, int start, String country) {
        int end = ibanEnd(text, start, country);
        if (end < 0) {
            return null;
        }
        return new Span(start, end, ibanChecksumValid(compact(text, start, end)) ? IBAN : null);
    }

    private static String compact(String text, int start, int end) {
        StringBuilder b = new StringBuilder(end - start);
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c != ' ') {
                b.append(Character.toUpperCase(c));
            }
        }
        return b.toString();
    }

    /** End index of an IBAN-shaped run starting at {@code start}, or -1. */
    private static int ibanEnd(String text, int start, String country) {
        Integer length = IBAN_LENGTH.get(country);
        if (length == null) {
            return -1;
        }
        StringBuilder iban = new StringBuilder(length);
        int i = start;
        while (i < text.length() && iban.length() < length) {
            char c = text.charAt(i);
            if (Character.isLetterOrDigit(c) && c < 128) {
                iban.append(Character.toUpperCase(c));
                i++;
            } else if (c == ' ' && iban.length() >= 4 && i + 1 < text.length()
                    && Character.isLetterOrDigit(text.charAt(i + 1))) {
                i++; // one space between groups
            } else {
                break;
            }
        }
        if (iban.length() != length || (i < text.length() && Character.isLetterOrDigit(text.charAt(i)))) {
            return -1;
        }
        return i;
    }

    /** ISO 13616: move the first four chars to the end, letters to 10..35, the number mod 97 is 1. */
    static boolean ibanChecksumValid(CharSequence iban) {
        int len = iban.length();
        int remainder = 0;
        for (int k = 0; k < len; k++) {
            char c = iban.charAt((k + 4) % len);
            if (c >= '0' && c <= '9') {
                remainder = (remainder * 10 + (c - '0')) % 97;
            } else if (c >= 'A' && c <= 'Z') {
                remainder = (remainder * 100 + (c - 'A' + 10)) % 97;
            } else {
                return false;
            }
        }
        return remainder == 1;
    }

    static boolean luhnValid(String digits) {
        int sum = 0;
        boolean doubled = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (doubled) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubled = !doubled;
        }
        return sum % 10 == 0;
    }

    static String digitsOf(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                b.append(c);
            }
        }
        return b.toString();
    }

    static boolean isPhone(String text, Matcher m) {
        String number = m.group();
        String digits = digitsOf(number);
        if (digits.length() < 7 || digits.length() > 15) {
            return false;
        }
        // An international number is a phone even after "Account:" or "customer": no reference starts with "+".
        if (number.startsWith("+")) {
            return true;
        }
        String before = text.substring(Math.max(0, m.start() - 40), m.start());
        if (REFERENCE_BEFORE.matcher(before).find()) {
            return false;
        }
        if (digits.startsWith("00")) {
            return true;
        }
        if (DATE.matcher(number).matches() || DOTTED_THOUSANDS.matcher(number).matches()) {
            return false;
        }
        if (number.indexOf('.') >= 0 && number.indexOf('.') == number.lastIndexOf('.')) {
            return PHONE_WORD_BEFORE.matcher(before).find(); // one dot: a decimal, unless it is said to be a phone
        }
        boolean grouped = number.indexOf(' ') >= 0 || number.indexOf('-') >= 0 || number.indexOf('(') >= 0
                || number.indexOf('/') >= 0 || number.indexOf('.') != number.lastIndexOf('.');
        if (grouped) {
            return true;
        }
        return (digits.startsWith("0") && digits.length() >= 10 && digits.length() <= 11)
                || PHONE_WORD_BEFORE.matcher(before).find();
    }

}
