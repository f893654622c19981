package com.takeover.privacy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@link PiiMasker} as it was before its IBAN scan and its card and phone pre-checks, to prove it masks the same. */
final class PiiMaskerBefore {

    public static final String EMAIL = "[email]";
    public static final String IBAN = "[iban]";
    public static final String CARD = "[card]";
    public static final String PHONE = "[phone]";

    private static final Pattern EMAIL_PATTERN = Pattern.compile(
            "(?<![\\w.+-])[A-Za-z0-9](?:[A-Za-z0-9._%+-]*[A-Za-z0-9_%+-])?@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
                    + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\\.[A-Za-z]{2,24}\\b");

    /** Start of an IBAN candidate: country code and check digits, not glued to a previous word. */
    static final Pattern IBAN_START = Pattern.compile("(?<![A-Za-z0-9])([A-Za-z]{2})(\\d{2})");

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
        // text spares most chat messages all four regular expressions.
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
        Matcher m;
        if (at) {
            m = EMAIL_PATTERN.matcher(text);
            while (m.find()) {
                spans.add(new Span(m.start(), m.end(), EMAIL));
            }
        }
        m = IBAN_START.matcher(text);
        int from = 0;
        while (digits >= 2 && from < text.length() && m.find(from)) {
            Span iban = iban(text, m.start(), m.group(1).toUpperCase(Locale.ROOT));
            if (iban != null && free(spans, iban.start(), iban.end())) {
                spans.add(iban);
                from = iban.end();
            } else {
                from = m.start() + 1;
            }
        }
        m = CARD_PATTERN.matcher(text);
        while (digits >= 13 && m.find()) {
            if (free(spans, m.start(), m.end()) && luhnValid(digitsOf(m.group()))) {
                spans.add(new Span(m.start(), m.end(), CARD));
            }
        }
        m = PHONE_PATTERN.matcher(text);
        while (digits >= 7 && m.find()) {
            if (free(spans, m.start(), m.end()) && isPhone(text, m)) {
                spans.add(new Span(m.start(), m.end(), PHONE));
            }
        }
        if (spans.stream().noneMatch(sp -> sp.replacement() != null)) {
            return text;
        }
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

    /** A claimed region of the text; a null replacement keeps it as it is (a mistyped IBAN). */
    private record Span(int start, int end, String replacement) {}

    private static boolean free(List<Span> spans, int start, int end) {
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
    private static Span iban(String text, int start, String country) {
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

    private static String digitsOf(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static boolean isPhone(String text, Matcher m) {
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
