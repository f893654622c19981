package com.takeover.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SentimentScorerTest {
    private final SentimentScorer scorer = SentimentScorer.withDefaultLexicon();
    private final SentimentScorer vader = SentimentScorer.withoutSupportDomain();

    /** The examples VADER's authors publish with their reference implementation, to 4 decimals. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "VADER is smart, handsome, and funny.|0.8316",
        "VADER is smart, handsome, and funny!|0.8439",
        "VADER is very smart, handsome, and funny.|0.8545",
        "VADER is VERY SMART, handsome, and FUNNY.|0.9227",
        "VADER is VERY SMART, handsome, and FUNNY!!!|0.9342",
        "VADER is VERY SMART, uber handsome, and FRIGGIN FUNNY!!!|0.9469",
        "The book was good.|0.4404",
        "The book was only kind of good.|0.3832",
        "Today SUX!|-0.5461",
        "Sentiment analysis has never been this good!|0.5672",
        "Most automated sentiment analysis tools are shit.|-0.5574",
        "With VADER, sentiment analysis is the shit!|0.6476",
        "On the other hand, VADER is quite bad ass|0.7178",
        "Roger Dodger is one of the most compelling variations on this theme.|0.2944",
    })
    void reproducesVaderReferenceExamples(String text, double expected) {
        assertThat(vader.score(text)).isCloseTo(expected, within(0.00051));
    }

    @Test
    void negatedNegativeIsWeakerThanInVader() {
        // VADER gives 0.431 (-0.74 x horrible); a negated negative keeps -0.4 here: faint praise
        assertThat(vader.score("At least it isn't a horrible book.")).isCloseTo(1.0 / Math.sqrt(1.0 + 15), within(1e-9));
    }

    @Test
    void negationFlipsPolarity() {
        assertThat(scorer.score("The service was good.")).isPositive();
        assertThat(scorer.score("The service was not good.")).isNegative();
        assertThat(scorer.score("The service wasn't good.")).isNegative();
        assertThat(scorer.score("The service was never good.")).isNegative();
        // scope: the negation reaches 3 tokens back
        assertThat(scorer.score("The service was not very good.")).isNegative();
        // a negated negative is faint praise, weaker than the plain positive
        double notBad = scorer.score("The service was not bad.");
        assertThat(notBad).isPositive().isLessThan(scorer.score("The service was good."));
        // "never so good" is emphasis, not negation
        assertThat(scorer.score("It has never been so good.")).isGreaterThan(scorer.score("It has been good."));
        // curly apostrophe and "n't" in unknown words negate too
        assertThat(scorer.score("The service wasn’t good.")).isNegative();
    }

    @Test
    void withoutNegatesExceptWithoutDoubt() {
        assertThat(vader.score("I left without a great deal.")).isLessThan(0);
        assertThat(vader.score("Without a doubt, excellent idea.")).isPositive();
    }

    @Test
    void capsIncreaseMagnitudeInMixedCaseMessage() {
        assertThat(scorer.score("This is GREAT.")).isGreaterThan(scorer.score("This is great."));
        assertThat(scorer.score("This is TERRIBLE.")).isLessThan(scorer.score("This is terrible."));
        // all caps throughout: no word stands out, so no emphasis
        assertThat(scorer.score("THIS IS GREAT")).isCloseTo(scorer.score("this is great"), within(1e-12));
    }

    @Test
    void boostersAndDampeners() {
        double good = scorer.score("The app is good.");
        assertThat(scorer.score("The app is very good.")).isGreaterThan(good);
        assertThat(scorer.score("The app is extremely good.")).isGreaterThan(good);
        assertThat(scorer.score("The app is slightly good.")).isLessThan(good).isPositive();
        assertThat(scorer.score("The app is kind of good.")).isLessThan(good).isPositive();
        // dampening works towards zero for negative words too
        double bad = scorer.score("The app is bad.");
        assertThat(scorer.score("The app is kind of bad.")).isGreaterThan(bad).isNegative();
        assertThat(scorer.score("The app is very bad.")).isLessThan(bad);
    }

    @Test
    void butWeighsTheSecondClause() {
        // halves what comes before, weights what follows by 1.5
        double mixed = scorer.score("The delivery was great but the product is terrible.");
        double reversed = scorer.score("The product is terrible but the delivery was great.");
        assertThat(mixed).isNegative();
        assertThat(reversed).isPositive();
        // exact arithmetic: great 3.1 * 0.5 + terrible -2.1 * 1.5 = -1.6
        assertThat(vader.score("great but terrible")).isCloseTo(-1.6 / Math.sqrt(1.6 * 1.6 + 15), within(1e-9));
    }

    @Test
    void exclamationsIncreaseMagnitudeUpToFour() {
        double plain = scorer.score("This is great");
        double one = scorer.score("This is great!");
        double three = scorer.score("This is great!!!");
        double four = scorer.score("This is great!!!!");
        double six = scorer.score("This is great!!!!!!");
        assertThat(one).isGreaterThan(plain);
        assertThat(three).isGreaterThan(one);
        assertThat(four).isGreaterThan(three);
        assertThat(six).isCloseTo(four, within(1e-12));
        assertThat(scorer.score("This is awful!!")).isLessThan(scorer.score("This is awful"));
        // 0.292 per '!': great 3.1 + 0.292
        assertThat(vader.score("great!")).isCloseTo(3.392 / Math.sqrt(3.392 * 3.392 + 15), within(1e-9));
    }

    @Test
    void questionMarksEmphasiseFromTwo() {
        assertThat(vader.score("is it bad?")).isCloseTo(vader.score("is it bad"), within(1e-12));
        assertThat(vader.score("is it bad??")).isLessThan(vader.score("is it bad?"));
    }

    @Test
    void leastNegatesUnlessAtLeast() {
        assertThat(vader.score("the least compelling story")).isNegative();
        assertThat(vader.score("at least compelling")).isPositive();
    }

    @Test
    void emoticonsAndEmoji() {
        assertThat(scorer.score(":)")).isPositive();
        assertThat(scorer.score(":(")).isNegative();
        assertThat(scorer.score("ok 😡")).isLessThan(scorer.score("ok"));
        assertThat(scorer.score("thanks😊")).isGreaterThan(scorer.score("thanks"));
        assertThat(scorer.score("😭😭😭")).isLessThan(scorer.score("😭")).isNegative();
        assertThat(scorer.score("👍")).isPositive();
        assertThat(scorer.score("🤦‍♀️ again")).isNegative(); // ZWJ sequence: the base emoji counts
        assertThat(scorer.score("👍🏽")).isCloseTo(scorer.score("👍"), within(1e-12)); // skin tone ignored
        assertThat(scorer.score("🚀")).isZero(); // unknown emoji: no valence
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "This is the third time I ask.", "I have asked three times now.", "I asked you 4 times",
        "It is still not working.", "still waiting", "Still no answer.", "It happens again and again.",
        "For the last time, fix my order.", "I want to cancel my account.", "Close my account.",
        "I'm switching to your competitor.", "I want a refund.", "I will do a chargeback.",
        "This is ridiculous.", "Are you kidding?", "useless", "What a waste of time.", "unacceptable",
        "Not helpful.", "That doesn't help.", "You're not listening.", "f*** this", "sh*t",
        "this is a joke", "thanks for nothing", "It doesn't work.",
    })
    void eachSupportPhraseIsNegative(String text) {
        assertThat(scorer.score(text)).as(text).isLessThan(-0.05);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "This is the third time I ask.", "It is still not working.", "still waiting",
        "I want to cancel my account.", "I want a refund.", "Are you kidding?", "You're not listening.",
        "thanks for nothing",
    })
    void supportPhrasesAreMissedWithoutTheLayer(String text) {
        assertThat(vader.score(text)).as(text).isGreaterThan(scorer.score(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"That worked!", "problem solved", "thanks so much", "perfect", "It works now.",
            "all sorted, much appreciated"})
    void resolutionAndGratitudeArePositive(String text) {
        assertThat(scorer.score(text)).as(text).isGreaterThan(0.3);
    }

    @Test
    void negatedChurnIsNeutralNotPraise() {
        assertThat(scorer.score("I don't want to cancel my account")).isZero();
        assertThat(scorer.score("I want to cancel my account")).isNegative();
    }

    @Test
    void profaneBoosterBoostsOrCountsAlone() {
        assertThat(scorer.score("fucking awesome")).isGreaterThan(scorer.score("awesome"));
        assertThat(scorer.score("this fucking app")).isNegative();
        assertThat(scorer.score("f*cking app")).isNegative();
    }

    @Test
    void supportRequestsAreNeutral() {
        assertThat(scorer.score("Please help me, I would like to pay by credit card.")).isZero();
        assertThat(scorer.score("Can I pay in installments?")).isZero();
    }

    @Test
    void shoutingAndImpatience() {
        assertThat(scorer.score("WHERE IS MY ORDER")).isNegative();
        assertThat(scorer.score("hello???")).isNegative();
        assertThat(scorer.score("hello?")).isZero();
        assertThat(vader.score("WHERE IS MY ORDER")).isZero();
    }

    @Test
    void derivedFormsFollowTheirWord() {
        assertThat(scorer.score("it works poorly")).isNegative(); // poor → poorly
        assertThat(scorer.score("the agent was unhelpful")).isNegative();
        assertThat(scorer.score("this lacks everything")).isNegative(); // lack → lacks
    }

    @Test
    void counterfactualPraiseIsCriticism() {
        assertThat(scorer.score("It should have been better.")).isNegative();
        assertThat(scorer.score("It has been better.")).isPositive();
    }

    @Test
    void tooBeforeAPlainWordIsAComplaint() {
        assertThat(scorer.score("It takes too long")).isNegative();
        assertThat(scorer.score("me too")).isZero();
    }

    @Test
    void scoresStayInRange() {
        String angry = "NO NO NO this is the WORST, most HORRIBLE, TERRIBLE, AWFUL service!!!!! 😡😡😡🤬 "
                .repeat(20) + " you're useless";
        String happy = "THANK you so SO much, you are AMAZING and WONDERFUL!!!! 😍😍❤️".repeat(20);
        assertThat(scorer.score(angry)).isBetween(-1.0, -0.99);
        assertThat(scorer.score(happy)).isBetween(0.99, 1.0);
        for (String s : List.of("", " ", "!!!", "???", "...", "-", "'", "n't", "*", "f***", "a", "I", "😀",
                "\uD83D", "\uDE00x", "x\u200D", "\u00A0\u2003", "12 34", "#48213")) {
            assertThat(scorer.score(s)).as("'%s'", s).isBetween(-1.0, 1.0);
        }
    }

    @Test
    void hugeTextIsScored() {
        String huge = "still not working, this is ridiculous. ".repeat(5_000); // > 64k chars
        assertThat(huge.length()).isGreaterThan(1 << 16);
        assertThat(scorer.score(huge)).isBetween(-1.0, -0.9999);
        assertThat(scorer.score("That worked, thanks!")).isPositive(); // per-thread buffers unaffected
    }

    @Test
    void nullAndEmptyAreNeutral() {
        assertThat(scorer.score(null)).isZero();
        assertThat(scorer.score("")).isZero();
        assertThat(scorer.score("   \t\n")).isZero();
        assertThat(scorer.score("the package is at the post office")).isZero();
    }

    @Test
    void serialisesAndKeepsItsLayer() throws Exception {
        for (SentimentScorer original : List.of(scorer, vader)) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(original);
            }
            assertThat(bytes.size()).isLessThan(300); // the lexicon is not serialised
            SentimentScorer copy;
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                copy = (SentimentScorer) in.readObject();
            }
            assertThat(copy.usesSupportDomain()).isEqualTo(original.usesSupportDomain());
            assertThat(copy.score("still not working, this is ridiculous"))
                    .isEqualTo(original.score("still not working, this is ridiculous"));
        }
    }

    @Test
    void sameScoresFromManyThreads() throws Exception {
        List<String> texts = List.of("This is GREAT!", "still not working 😡", "I don't need an agent, thanks",
                "The delivery was fast but the product is terrible.", "hello???");
        List<Double> expected = texts.stream().map(scorer::score).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 20_000; i++) {
                        int k = i % texts.size();
                        if (scorer.score(texts.get(k)) != expected.get(k)) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> f : results) {
                assertThat(f.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
