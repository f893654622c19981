package com.takeover.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TopicClassifierTest {
    private final TopicClassifier topics = ScoringConfig.defaults().topicClassifier();

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            I was CHARGED TWICE for the same order!        | billing_dispute
            why is my invoice so high                      | billing_dispute
            I want a refund                                | refund
            Refunded? when??                               | refund
            please cancel my subscription                  | cancellation
            where is my order, it's been a week            | order_status
            the parcel went to the wrong address           | shipping
            the app keeps crashing                         | technical_issue
            I'm locked out of my account                   | account_access
            someone used my card, this is fraud            | fraud_security
            I will contact my lawyer                       | legal
            this is unacceptable, I want to complain       | complaint
            how do I export my data                        | product_question
            I didn’t make this purchase                    | fraud_security
            """)
    void defaultPhraseRules(String text, String topic) {
        assertThat(topics.classify(text)).isEqualTo(topic);
    }

    @Test
    void phrasesMatchWholeWordsOnly() {
        assertThat(topics.classify("there is an issue with the colour")).as("'sue' inside 'issue'").isNull();
        assertThat(topics.classify("my courtyard")).as("'court' inside 'courtyard'").isNull();
        assertThat(topics.classify("hello there")).isNull();
        assertThat(topics.classify(null)).isNull();
    }

    @Test
    void firstRuleInOrderWins() {
        // billing_dispute is listed before refund
        assertThat(topics.classify("refund the double charge")).isEqualTo("billing_dispute");
        TopicClassifier reversed = new TopicClassifier(List.of(
                new TopicRule("refund", List.of("refund*")), new TopicRule("billing_dispute", List.of("double charge*"))));
        assertThat(reversed.classify("refund the double charge")).isEqualTo("refund");
    }

    @Test
    void defaultSensitiveTopics() {
        ScoringConfig cfg = ScoringConfig.defaults();
        assertThat(cfg.sensitiveTopics()).containsExactlyInAnyOrder("legal", "fraud_security", "cancellation", "complaint");
        assertThat(cfg.isSensitive("LEGAL")).isTrue();
        assertThat(cfg.isSensitive("refund")).isFalse();
        assertThat(cfg.isSensitive(null)).isFalse();
    }

    @Test
    void configFileOverridesDefaults(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("scoring.yaml");
        Files.writeString(f, """
                previewSize: 3
                sensitiveTopics: [refund]
                topics:
                  - topic: warranty
                    phrases: [warranty, guarantee*]
                riskWeights:
                  humanRequest: 0.9
                """);
        ScoringConfig cfg = ScoringConfig.load(f);
        assertThat(cfg.previewSize()).isEqualTo(3);
        assertThat(cfg.emaAlpha()).isEqualTo(0.4);
        assertThat(cfg.sensitiveTopics()).containsExactly("refund");
        assertThat(cfg.topicClassifier().classify("is it under guarantee?")).isEqualTo("warranty");
        assertThat(cfg.topicClassifier().classify("I want a refund")).as("topics replaced").isNull();
        assertThat(cfg.riskWeights().humanRequest()).isEqualTo(0.9);
        assertThat(cfg.riskWeights().negativity()).isEqualTo(0.6);
        assertThat(cfg.riskWeights().segmentValues()).containsEntry("vip", 1.0);
    }

    @Test
    void badConfigNamesTheField(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, "emaAlpha: 1.5\npreviewSize: -1\n");
        assertThatThrownBy(() -> ScoringConfig.load(f)).isInstanceOf(IOException.class)
                .hasMessage(f + ": field emaAlpha: must be in (0, 1], was 1.5; field previewSize: must be in 0..100, was -1");
        Files.writeString(f, "riskWeights:\n  negativty: 0.3\n");
        assertThatThrownBy(() -> ScoringConfig.load(f)).isInstanceOf(IOException.class)
                .hasMessageStartingWith(f + ": field riskWeights.negativty: Unrecognized field \"negativty\"");
        Files.writeString(f, "sensitiveTopics: [a\n");
        assertThatThrownBy(() -> ScoringConfig.load(f)).isInstanceOf(IOException.class)
                .hasMessageContaining("not valid YAML");
    }

    @Test
    void withTopicsValidates() {
        assertThatThrownBy(() -> ScoringConfig.defaults().withTopics(List.of(new TopicRule("x", List.of())), Set.of()))
                .hasMessage("field topics[0].phrases: at least one phrase is required");
    }

    @Test
    void indexedMatchingAgreesWithAPhraseScan() throws IOException {
        // Every support message of the sentiment benchmark, and sentences built from the phrases' own words
        // around each other, as the old scan of the text per phrase classified them.
        List<String> texts = new java.util.ArrayList<>();
        try (var in = TopicClassifierTest.class.getResourceAsStream("/com/takeover/cli/bench-support-messages.txt")) {
            new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.startsWith("#")).forEach(texts::add);
        }
        List<TopicRule> rules = ScoringConfig.defaults().topics();
        List<String> words = rules.stream().flatMap(r -> r.phrases().stream())
                .flatMap(p -> java.util.Arrays.stream(p.replace("*", "").split(" "))).distinct().toList();
        java.util.Random random = new java.util.Random(11);
        String[] endings = {"", "s", "ed", "ing", "!", "?", "'s"};
        for (int i = 0; i < 5000; i++) {
            StringBuilder sb = new StringBuilder();
            for (int w = random.nextInt(8); w >= 0; w--) {
                sb.append(random.nextInt(4) == 0 ? "the" : words.get(random.nextInt(words.size())))
                        .append(random.nextInt(3) == 0 ? endings[random.nextInt(endings.length)] : "")
                        .append(random.nextInt(5) == 0 ? ", " : " ");
            }
            texts.add(random.nextBoolean() ? sb.toString().toUpperCase(java.util.Locale.ROOT) : sb.toString());
        }
        long matched = 0;
        for (String text : texts) {
            String expected = scan(rules, text);
            assertThat(topics.classify(text)).as(text).isEqualTo(expected);
            matched += expected == null ? 0 : 1;
        }
        assertThat(matched).as("texts with a topic").isGreaterThan(texts.size() / 3);
    }

    /** The reference: the padded normalised text searched for each padded phrase, topic by topic. */
    private static String scan(List<TopicRule> rules, String text) {
        String norm = " " + TopicClassifier.normalise(text) + " ";
        for (TopicRule r : rules) {
            for (String p : r.phrases()) {
                boolean prefix = p.endsWith("*");
                String core = TopicClassifier.normalise(prefix ? p.substring(0, p.length() - 1) : p).trim();
                if (norm.contains(" " + core + (prefix ? "" : " "))) {
                    return r.topic();
                }
            }
        }
        return null;
    }
}
