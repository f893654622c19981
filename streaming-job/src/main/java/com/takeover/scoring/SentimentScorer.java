package com.takeover.scoring;

import java.io.Serializable;

/**
 * Compound sentiment of one customer message in [-1, 1]: VADER's rules (Hutto &amp; Gilbert 2014)
 * over VADER's lexicon, plus emoji and a support-domain layer ({@link SupportPhrases}).
 *
 * <p>Rules, in the order they apply to each sentiment-bearing token (a lexicon word, an emoji, or a
 * phrase unit that replaces the valence of its words):
 * <ol>
 *   <li>tokens: whitespace-separated, leading/trailing punctuation stripped unless the raw token is
 *       an emoticon in the lexicon; emoji split off as tokens of their own; pure punctuation dropped;
 *   <li>"no" right before a sentiment word negates it (and is then no sentiment itself); "no" up
 *       to 2 tokens before (3 across "or"/"nor") negates too;
 *   <li>ALL CAPS (a word of 2+ letters) adds ±0.733 when the message also has lower-case words;
 *   <li>the 3 tokens before: boosters/dampeners add ±0.293 (±0.733 more in caps), scaled by
 *       1, 0.95, 0.9 with distance; a negation word (or any "n't") there multiplies by -0.74,
 *       except "never so/this" (×1.25) and "without doubt" (unchanged);
 *   <li>"least" before (not "at least", "very least") negates;
 *   <li>contrast: the first "but" halves everything before it and weights everything after ×1.5;
 *   <li>the sum gets ±0.292 per '!' (up to 4) and 0.18 per '?' when there are 2-3 (0.96 for more),
 *       in the direction of its sign, and is normalised by x / sqrt(x² + 15).
 * </ol>
 * Where VADER's reference code departs from its own stated rules (the "but" weighting of repeated
 * values, "kind of" lowering positives and negatives alike, idioms only checked at some positions,
 * two-letter words keeping their punctuation), this follows the stated rules.
 *
 * <p>Thread-safe: the compiled lexicon is immutable and shared; scratch buffers are per thread.
 * Serialisation carries only which lexicon to use.
 */
public final class SentimentScorer implements Serializable {
    private static final long serialVersionUID = 2L;

    private static final int F_UPPER = 1 << 8;
    private static final int F_CAPABLE = 1 << 9;
    /** The raw token ended a clause (",", ".", ";", ":", "!", "?" after it). */
    private static final int F_CLAUSE_END = 1 << 10;

    private static final byte R_WORD = 0;
    private static final byte R_CONSUMED = 1;
    private static final byte R_UNIT = 2;
    private static final byte R_BOOSTER_UNIT = 3;

    /**
     * "too" before a word with no valence of its own ("too slow", "takes too long"): excess is a
     * complaint in reviews and chats alike, and VADER ignores the word.
     */
    static final double TOO_VALENCE = -1.0;
    /** "nothing" with no sentiment word after it to negate ("nothing happens", "nothing to gain"). */
    static final double NOTHING_VALENCE = -1.0;
    /**
     * A negated negative word keeps less of its intensity than a negated positive one: "not bad" is
     * faint praise, "not good" is plain criticism.
     */
    static final double N_SCALAR_OF_NEGATIVE = -0.4;
    /**
     * Support layer: a message written entirely in capitals (3+ words) with no sentiment word is
     * shouting ("WHERE IS MY ORDER"); a message with no sentiment word but 2+ question marks is
     * impatience ("hello???"), valued at VADER's own question-mark emphasis. VADER scores both 0.
     */
    static final double SHOUTING_VALENCE = -1.0;
    static final int SHOUTING_MIN_WORDS = 3;

    /** Tokens before a sentiment word in which "would/could/should/might have" makes it unreal. */
    static final int COUNTERFACTUAL_WINDOW = 5;

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private final boolean supportDomain;
    private final transient SentimentLexicon lx;

    private SentimentScorer(boolean supportDomain) {
        this.supportDomain = supportDomain;
        this.lx = SentimentLexicon.get(supportDomain);
    }

    /** VADER's lexicon and rules, emoji, and the support-domain layer: the product's scorer. */
    public static SentimentScorer withDefaultLexicon() {
        return new SentimentScorer(true);
    }

    /** The same without the support-domain layer (to measure what that layer adds). */
    public static SentimentScorer withoutSupportDomain() {
        return new SentimentScorer(false);
    }

    public boolean usesSupportDomain() {
        return supportDomain;
    }

    private Object readResolve() {
        return new SentimentScorer(supportDomain);
    }

    /** Compound score in [-1, 1]; 0 for null, empty or neutral text. */
    public double score(String text) {
        if (text == null || text.isEmpty()) {
            return 0.0;
        }
        // a huge text gets buffers of its own rather than growing the per-thread ones for good
        Scratch s = text.length() <= Scratch.CACHED_MAX_CHARS ? SCRATCH.get() : new Scratch();
        int n = tokenize(text, s);
        if (n == 0) {
            return 0.0;
        }
        markPhrases(s, n);
        double sum = sumValences(s, n);
        if (sum > 0) {
            sum += punctuationEmphasis(s);
        } else if (sum < 0) {
            sum -= punctuationEmphasis(s);
        } else if (lx.supportDomain) {
            sum = unsentimentalEmphasis(s);
            if (sum == 0.0) {
                return 0.0;
            }
        } else {
            return 0.0;
        }
        double c = sum / Math.sqrt(sum * sum + VaderRules.NORMALISATION_ALPHA);
        return c < -1.0 ? -1.0 : (c > 1.0 ? 1.0 : c);
    }

    // ---------------------------------------------------------------- tokens

    private int tokenize(String text, Scratch s) {
        int len = text.length();
        s.ensure(len + 1);
        s.bangs = 0;
        s.questions = 0;
        s.capable = 0;
        s.upper = 0;
        int n = 0;
        int i = 0;
        while (i < len) {
            char c = text.charAt(i);
            if (isSpace(c)) {
                i++;
                continue;
            }
            int start = i;
            while (i < len) {
                c = text.charAt(i);
                if (c == '!') {
                    s.bangs++;
                } else if (c == '?') {
                    s.questions++;
                } else if (isSpace(c) || (c >= 0x200D && isEmojiAt(text, i))) {
                    break;
                }
                i++;
            }
            if (i > start) {
                n = addWord(text, start, i, s, n);
            }
            // emoji run: each known emoji is a token; modifiers, joiners and unknown emoji are dropped
            while (i < len && (c = text.charAt(i)) >= 0x200D && isEmojiAt(text, i)) {
                int cp = text.codePointAt(i);
                int id = lx.emojiId(cp);
                if (id >= 0) {
                    s.id[n] = id;
                    s.flags[n] = 0;
                    s.role[n] = R_WORD;
                    n++;
                }
                i += Character.charCount(cp);
            }
        }
        return n;
    }

    private static boolean isSpace(char c) {
        return c <= ' ' || (c >= 0x80 && (Character.isWhitespace(c) || Character.isSpaceChar(c)));
    }

    private static boolean isEmojiAt(String text, int i) {
        return EmojiValence.isEmojiBlock(text.codePointAt(i));
    }

    private int addWord(String text, int start, int end, Scratch s, int n) {
        int id = lx.table.lookup(text, start, end);
        int b = start;
        int e = end;
        if (id < 0) {
            // strip edge punctuation, keeping mask chars ("f***!" → "f***") for a profanity check
            while (b < e && isPunct(text.charAt(b)) && text.charAt(b) != '*') {
                b++;
            }
            while (e > b && isPunct(text.charAt(e - 1)) && text.charAt(e - 1) != '*') {
                e--;
            }
            if (e - b >= 3 && hasInnerMask(text, b, e)) {
                id = lx.maskedProfanity(text, b, e);
            }
            if (id < 0) {
                while (b < e && isPunct(text.charAt(b))) {
                    b++;
                }
                while (e > b && isPunct(text.charAt(e - 1))) {
                    e--;
                }
                if (b == e) {
                    return n; // pure punctuation
                }
                if (b != start || e != end) {
                    id = lx.table.lookup(text, b, e);
                }
            }
        }
        int letters = 0;
        int lower = 0;
        int fl = 0;
        for (int k = b; k < e; k++) {
            char c = text.charAt(k);
            if (c < 128) {
                if (c >= 'a' && c <= 'z') {
                    letters++;
                    lower++;
                } else if (c >= 'A' && c <= 'Z') {
                    letters++;
                } else if (c == '\'' && id < 0 && k > b && k + 1 < e) {
                    fl |= contractionNegation(text, k);
                }
            } else if (Character.isLetter(c)) {
                letters++;
                if (!Character.isUpperCase(c)) {
                    lower++;
                }
            } else if ((c == '\u2019' || c == '\u02BC') && id < 0 && k > b && k + 1 < e) {
                fl |= contractionNegation(text, k);
            }
        }
        for (int k = e; k < end; k++) {
            char c = text.charAt(k);
            if (c == ',' || c == '.' || c == ';' || c == ':' || c == '!' || c == '?') {
                fl |= F_CLAUSE_END;
                break;
            }
        }
        if (letters >= 2) {
            fl |= F_CAPABLE;
            s.capable++;
            if (lower == 0) {
                fl |= F_UPPER;
                s.upper++;
            }
        }
        if (id >= 0) {
            fl |= lx.flags[id];
        } else if (letters <= 2) { // "3", "12", "3rd"
            fl |= numberClass(text, b, e);
        }
        s.id[n] = id;
        s.flags[n] = fl;
        s.role[n] = R_WORD;
        return n + 1;
    }

    /** "n't" anywhere in an unknown token ("shouldn't've") negates, as in VADER. */
    private static int contractionNegation(String text, int apostrophe) {
        char before = text.charAt(apostrophe - 1);
        char after = text.charAt(apostrophe + 1);
        return (before == 'n' || before == 'N') && (after == 't' || after == 'T') ? SentimentLexicon.F_NEGATION : 0;
    }

    /** "3" / "12" count; "3rd" / "5th" are ordinals. */
    private static int numberClass(String text, int b, int e) {
        int k = b;
        long value = 0;
        while (k < e && text.charAt(k) >= '0' && text.charAt(k) <= '9' && k - b < 6) {
            value = value * 10 + (text.charAt(k) - '0');
            k++;
        }
        if (k == b) {
            return 0;
        }
        if (k == e) {
            return value >= 2 ? SentimentLexicon.F_COUNT : 0;
        }
        if (e - k == 2) {
            char x = TokenTable.fold(text.charAt(k));
            char y = TokenTable.fold(text.charAt(k + 1));
            if ((x == 's' && y == 't') || (x == 'n' && y == 'd') || (x == 'r' && y == 'd') || (x == 't' && y == 'h')) {
                return value >= 2 ? SentimentLexicon.F_ORDINAL : 0;
            }
        }
        return 0;
    }

    private static boolean hasInnerMask(String text, int b, int e) {
        for (int k = b + 1; k < e; k++) {
            if (SentimentLexicon.isMaskChar(text.charAt(k))) {
                return true;
            }
        }
        return false;
    }

    /** ASCII punctuation, as Python's string.punctuation, plus typographic quotes and dashes. */
    private static boolean isPunct(char c) {
        if (c < 128) {
            return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') || (c >= '{' && c <= '~');
        }
        return c == '\u2018' || c == '\u2019' || c == '\u201C' || c == '\u201D' || c == '\u2013'
                || c == '\u2014' || c == '\u2026' || c == '\u00AB' || c == '\u00BB' || c == '\u00BF' || c == '\u00A1';
    }

    // ---------------------------------------------------------------- phrases

    /** Marks phrase units, longest match first, left to right; their inner tokens are consumed. */
    private void markPhrases(Scratch s, int n) {
        int i = 0;
        while (i < n) {
            int id = s.id[i];
            int fl = s.flags[i];
            int len = 0;
            if (id >= 0 && lx.phrasesByFirst[id] != null) {
                len = tryPhrases(lx.phrasesByFirst[id], s, i, n);
            }
            if (len == 0 && (fl & SentimentLexicon.F_COUNT) != 0) {
                len = tryPhrases(lx.phrasesByCount, s, i, n);
            }
            if (len == 0 && (fl & SentimentLexicon.F_ORDINAL) != 0) {
                len = tryPhrases(lx.phrasesByOrdinal, s, i, n);
            }
            i += len > 0 ? len : 1;
        }
    }

    private int tryPhrases(int[] candidates, Scratch s, int i, int n) {
        for (int p : candidates) {
            int[] el = lx.phraseElements[p];
            if (i + el.length > n || !matches(el, s, i)) {
                continue;
            }
            int last = i + el.length - 1;
            int caps = 0;
            for (int k = i; k < last; k++) {
                s.role[k] = R_CONSUMED;
                caps |= s.flags[k] & F_UPPER;
            }
            s.role[last] = lx.phraseIsBooster[p] ? R_BOOSTER_UNIT : R_UNIT;
            s.flags[last] |= caps;
            s.unitStart[last] = i;
            s.unitValue[last] = lx.phraseValue[p];
            s.unitNeutral[last] = lx.phraseNeutralWhenNegated[p];
            return el.length;
        }
        return 0;
    }

    private static boolean matches(int[] el, Scratch s, int i) {
        for (int k = 0; k < el.length; k++) {
            int e = el[k];
            int fl = s.flags[i + k];
            boolean ok = e >= 0 ? s.id[i + k] == e
                    : e == SentimentLexicon.E_COUNT ? (fl & SentimentLexicon.F_COUNT) != 0
                    : (fl & SentimentLexicon.F_ORDINAL) != 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    // ---------------------------------------------------------------- valences

    /** Whether token j carries sentiment of its own (and so is no modifier of a later word). */
    private boolean bearing(Scratch s, int j) {
        byte r = s.role[j];
        if (r == R_UNIT) {
            return s.unitValue[j] != 0.0;
        }
        return r == R_WORD && lx.hasValence(s.id[j]);
    }

    private double sumValences(Scratch s, int n) {
        boolean capDiff = s.upper > 0 && s.upper < s.capable;
        int but = -1;
        for (int i = 0; i < n; i++) {
            if (s.id[i] == lx.idBut && s.role[i] == R_WORD) {
                but = i;
                break;
            }
        }
        double sum = 0.0;
        for (int i = 0; i < n; i++) {
            double v = valence(s, i, n, capDiff);
            if (v != 0.0 && but >= 0) {
                v *= i < but ? VaderRules.BEFORE_BUT : (i > but ? VaderRules.AFTER_BUT : 1.0);
            }
            sum += v;
        }
        return sum;
    }

    private double valence(Scratch s, int i, int n, boolean capDiff) {
        byte role = s.role[i];
        if (role == R_CONSUMED || role == R_BOOSTER_UNIT) {
            return 0.0;
        }
        int id = s.id[i];
        int start = i;
        boolean neutralWhenNegated = false;
        double base;
        if (role == R_UNIT) {
            base = s.unitValue[i];
            start = s.unitStart[i];
            neutralWhenNegated = s.unitNeutral[i];
        } else {
            if (id < 0) {
                return 0.0;
            }
            if (id == lx.idToo) {
                return (s.flags[i] & F_CLAUSE_END) == 0 && i + 1 < n && !bearing(s, i + 1) ? TOO_VALENCE : 0.0;
            }
            if (id == lx.idNothing) {
                for (int k = i + 1; k <= i + 3 && k < n; k++) {
                    if (bearing(s, k)) {
                        return 0.0; // "nothing good": a negation, applied to that word
                    }
                }
                return NOTHING_VALENCE;
            }
            if (lx.booster[id] != 0.0) {
                // a booster carries no valence; a profane one does when it boosts nothing
                double own = lx.ownValence[id];
                if (Double.isNaN(own) || (i + 1 < n && (bearing(s, i + 1) || boosterAt(s, i + 1) != 0.0))) {
                    return 0.0;
                }
                base = own;
            } else {
                base = lx.valence[id];
                if (Double.isNaN(base)) {
                    return 0.0;
                }
                if (id == lx.idNo && i + 1 < n && bearing(s, i + 1)) {
                    return 0.0; // "no" negates the next word instead
                }
            }
        }
        if (base == 0.0) {
            return 0.0;
        }
        double v = base;
        if (isId(s, start - 1, lx.idNo) || isId(s, start - 2, lx.idNo)
                || (isId(s, start - 3, lx.idNo) && (isId(s, start - 1, lx.idOr) || isId(s, start - 1, lx.idNor)))) {
            v = negate(base, neutralWhenNegated);
        }
        if (capDiff && (s.flags[i] & F_UPPER) != 0) {
            v += v > 0 ? VaderRules.C_INCR : -VaderRules.C_INCR;
        }
        for (int k = 1; k <= 3; k++) {
            int p = start - k;
            if (p < 0) {
                break;
            }
            if (s.role[p] == R_CONSUMED || bearing(s, p)) {
                continue;
            }
            double scalar = boosterAt(s, p);
            if (scalar != 0.0) {
                if (v < 0) {
                    scalar = -scalar;
                }
                if (capDiff && (s.flags[p] & F_UPPER) != 0) {
                    scalar += v > 0 ? VaderRules.C_INCR : -VaderRules.C_INCR;
                }
                v += k == 1 ? scalar : (k == 2 ? scalar * 0.95 : scalar * 0.9);
            }
            if (k >= 2 && s.id[p] == lx.idNever
                    && (isSoOrThis(s, p + 1) || (k == 3 && isSoOrThis(s, p + 2)))) {
                v *= VaderRules.NEVER_SO;
            } else if (k >= 2 && s.id[p] == lx.idWithout
                    && (isId(s, p + 1, lx.idDoubt) || (k == 3 && isId(s, p + 2, lx.idDoubt)))) {
                // "without a doubt, excellent": no negation
            } else if ((s.flags[p] & SentimentLexicon.F_NEGATION) != 0 && s.role[p] == R_WORD) {
                v = negate(v, neutralWhenNegated);
            }
        }
        if (v > 0 && counterfactual(s, start)) {
            v *= VaderRules.N_SCALAR; // "should have been better"
        }
        if (isId(s, start - 1, lx.idLeast) && !isId(s, start - 2, lx.idAt) && !isId(s, start - 2, lx.idVery)) {
            v = negate(v, neutralWhenNegated);
        }
        return v;
    }

    private static double negate(double v, boolean neutral) {
        return neutral ? 0.0 : v * (v < 0 ? N_SCALAR_OF_NEGATIVE : VaderRules.N_SCALAR);
    }

    /** "would have", "could've", "shoulda"... within {@link #COUNTERFACTUAL_WINDOW} tokens before. */
    private boolean counterfactual(Scratch s, int start) {
        for (int p = start - 1; p >= 0 && p >= start - COUNTERFACTUAL_WINDOW; p--) {
            if ((s.flags[p] & SentimentLexicon.F_MODAL_PERFECT) != 0
                    || (s.id[p] == lx.idHave && p > 0 && (s.flags[p - 1] & SentimentLexicon.F_MODAL) != 0)) {
                return true;
            }
        }
        return false;
    }

    private double boosterAt(Scratch s, int p) {
        byte r = s.role[p];
        if (r == R_BOOSTER_UNIT) {
            return s.unitValue[p];
        }
        int id = s.id[p];
        return r == R_WORD && id >= 0 ? lx.booster[id] : 0.0;
    }

    private static boolean isId(Scratch s, int j, int id) {
        return j >= 0 && s.id[j] == id && s.role[j] == R_WORD;
    }

    private boolean isSoOrThis(Scratch s, int j) {
        return isId(s, j, lx.idSo) || isId(s, j, lx.idThis);
    }

    /** Shouting or impatient punctuation in a message without sentiment words (support layer). */
    private static double unsentimentalEmphasis(Scratch s) {
        double sum = 0.0;
        if (s.upper >= SHOUTING_MIN_WORDS && s.upper == s.capable) {
            sum += SHOUTING_VALENCE;
        }
        if (s.questions > 1 || sum < 0) {
            sum -= punctuationEmphasis(s);
        }
        return sum;
    }

    private static double punctuationEmphasis(Scratch s) {
        double amp = Math.min(s.bangs, VaderRules.EXCLAMATION_MAX) * VaderRules.EXCLAMATION_INCR;
        if (s.questions > 1) {
            amp += s.questions <= 3 ? s.questions * VaderRules.QUESTION_INCR : VaderRules.QUESTION_MAX;
        }
        return amp;
    }

    /** Per-thread token buffers, grown on demand, so scoring allocates nothing per message. */
    private static final class Scratch {
        static final int CACHED_MAX_CHARS = 1 << 16;
        int[] id = new int[0];
        int[] flags = new int[0];
        byte[] role = new byte[0];
        int[] unitStart = new int[0];
        double[] unitValue = new double[0];
        boolean[] unitNeutral = new boolean[0];
        int bangs;
        int questions;
        int capable;
        int upper;

        void ensure(int capacity) {
            if (id.length < capacity) {
                int c = Math.max(capacity, 64);
                id = new int[c];
                flags = new int[c];
                role = new byte[c];
                unitStart = new int[c];
                unitValue = new double[c];
                unitNeutral = new boolean[c];
            }
        }
    }
}
