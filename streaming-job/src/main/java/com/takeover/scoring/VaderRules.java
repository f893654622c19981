package com.takeover.scoring;

import java.util.List;
import java.util.Map;

/**
 * The published constants and word lists of VADER (Hutto &amp; Gilbert, ICWSM 2014; MIT License),
 * as data. The rules that use them are in {@link SentimentScorer}.
 */
final class VaderRules {
    private VaderRules() {}

    /** Mean intensity change from a booster ("very") or dampener ("slightly"). */
    static final double B_INCR = 0.293;
    static final double B_DECR = -0.293;
    /** Mean intensity change when a word is in ALL CAPS in an otherwise mixed-case message. */
    static final double C_INCR = 0.733;
    /** A negated word keeps 74% of its intensity with the opposite sign. */
    static final double N_SCALAR = -0.74;
    /** Per '!' (at most 4 count). */
    static final double EXCLAMATION_INCR = 0.292;
    static final int EXCLAMATION_MAX = 4;
    /** Per '?' when there are 2 or 3; 4 or more give {@link #QUESTION_MAX}. */
    static final double QUESTION_INCR = 0.18;
    static final double QUESTION_MAX = 0.96;
    /** Contrast: valence before "but" is halved, after it is weighted 1.5. */
    static final double BEFORE_BUT = 0.5;
    static final double AFTER_BUT = 1.5;
    /** "never so good": emphasis rather than negation. */
    static final double NEVER_SO = 1.25;
    /** Alpha of the normalisation x / sqrt(x² + alpha). */
    static final double NORMALISATION_ALPHA = 15.0;

    static final List<String> NEGATIONS = List.of(
            "aint", "arent", "cannot", "cant", "couldnt", "darent", "didnt", "doesnt",
            "ain't", "aren't", "can't", "couldn't", "daren't", "didn't", "doesn't",
            "dont", "hadnt", "hasnt", "havent", "isnt", "mightnt", "mustnt", "neither",
            "don't", "hadn't", "hasn't", "haven't", "isn't", "mightn't", "mustn't",
            "neednt", "needn't", "never", "none", "nope", "nor", "not", "nothing", "nowhere",
            "oughtnt", "shant", "shouldnt", "uhuh", "wasnt", "werent",
            "oughtn't", "shan't", "shouldn't", "uh-uh", "wasn't", "weren't",
            "without", "wont", "wouldnt", "won't", "wouldn't", "rarely", "seldom", "despite");

    static final List<String> BOOSTERS = List.of(
            "absolutely", "amazingly", "awfully", "completely", "considerable", "considerably",
            "decidedly", "deeply", "effing", "enormous", "enormously", "entirely", "especially",
            "exceptional", "exceptionally", "extreme", "extremely", "fabulously", "flipping", "flippin",
            "frackin", "fracking", "fricking", "frickin", "frigging", "friggin", "fully", "fuckin",
            "fucking", "fuggin", "fugging", "greatly", "hella", "highly", "hugely", "incredible",
            "incredibly", "intensely", "major", "majorly", "more", "most", "particularly", "purely",
            "quite", "really", "remarkably", "so", "substantially", "thoroughly", "total", "totally",
            "tremendous", "tremendously", "uber", "unbelievably", "unusually", "utter", "utterly", "very");

    static final List<String> DAMPENERS = List.of(
            "almost", "barely", "hardly", "kinda", "kindof", "kind-of", "less", "little", "marginal",
            "marginally", "occasional", "occasionally", "partly", "scarce", "scarcely", "slight",
            "slightly", "somewhat", "sorta", "sortof", "sort-of");

    /** Multi-word dampeners. */
    static final List<String> DAMPENER_PHRASES = List.of("kind of", "sort of", "just enough");

    /** Idioms and phrases whose valence replaces that of the lexicon words in them. */
    static final Map<String, Double> SPECIAL_CASES = Map.of(
            "the shit", 3.0, "the bomb", 3.0, "bad ass", 1.5, "badass", 1.5, "bus stop", 0.0,
            "yeah right", -2.0, "kiss of death", -1.5, "to die for", 3.0,
            "beating heart", 3.1, "broken heart", -2.9);

    /** Idioms without lexicon words (listed by VADER as future work; scored here). */
    static final Map<String, Double> IDIOMS = Map.ofEntries(
            Map.entry("cut the mustard", 2.0), Map.entry("hand to mouth", -2.0),
            Map.entry("back handed", -2.0), Map.entry("blow smoke", -2.0), Map.entry("blowing smoke", -2.0),
            Map.entry("upper hand", 1.0), Map.entry("break a leg", 2.0), Map.entry("cooking with gas", 2.0),
            Map.entry("in the black", 2.0), Map.entry("in the red", -2.0), Map.entry("on the ball", 2.0),
            Map.entry("under the weather", -2.0));
}
