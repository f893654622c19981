package com.takeover.privacy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@link PiiMasker}'s {@code mask} as it was before its IBAN scan and its card and phone pre-checks, to prove it
 * masks the same: it finds IBAN candidates with the regular expression the scan replaced and tries the card and
 * phone patterns from the start of the text. The parts that did not change (patterns, spans, the IBAN, Luhn and
 * phone checks, the replacement of the spans) are the masker's own.
 */
final class PiiMaskerBefore {

    /** Start of an IBAN candidate: country code and check digits, not glued to a previous word. */
    static final Pattern IBAN_START = Pattern.compile("(?<![A-Za-z0-9])([A-Za-z]{2})(\\d{2})");

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
        List<PiiMasker.Span> spans = new ArrayList<>();
        Matcher m;
        if (at) {
            m = PiiMasker.EMAIL_PATTERN.matcher(text);
            while (m.find()) {
                spans.add(new PiiMasker.Span(m.start(), m.end(), PiiMasker.EMAIL));
            }
        }
        m = IBAN_START.matcher(text);
        int from = 0;
        while (digits >= 2 && from < text.length() && m.find(from)) {
            PiiMasker.Span iban = PiiMasker.iban(text, m.start(), m.group(1).toUpperCase(Locale.ROOT));
            if (iban != null && PiiMasker.free(spans, iban.start(), iban.end())) {
                spans.add(iban);
                from = iban.end();
            } else {
                from = m.start() + 1;
            }
        }
        m = PiiMasker.CARD_PATTERN.matcher(text);
        while (digits >= 13 && m.find()) {
            if (PiiMasker.free(spans, m.start(), m.end()) && PiiMasker.luhnValid(PiiMasker.digitsOf(m.group()))) {
                spans.add(new PiiMasker.Span(m.start(), m.end(), PiiMasker.CARD));
            }
        }
        m = PiiMasker.PHONE_PATTERN.matcher(text);
        while (digits >= 7 && m.find()) {
            if (PiiMasker.free(spans, m.start(), m.end()) && PiiMasker.isPhone(text, m)) {
                spans.add(new PiiMasker.Span(m.start(), m.end(), PiiMasker.PHONE));
            }
        }
        if (spans.stream().noneMatch(sp -> sp.replacement() != null)) {
            return text;
        }
        return PiiMasker.replaced(text, spans);
    }
}
