package com.takeover.scoring;

import static com.takeover.testing.Events.MINUTE;
import static com.takeover.testing.Events.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.takeover.schema.EndedBy;
import com.takeover.schema.PreviewMessage;
import com.takeover.schema.SignalSnapshot;
import com.takeover.schema.Speaker;
import com.takeover.schema.TakeoverMode;
import com.takeover.schema.TakeoverTrigger;
import com.takeover.testing.Events;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;

class ConversationScorerTest {
    private final ConversationScorer scorer = Events.scriptedScorer();
    private final ConversationState s = new ConversationState();
    private final Events.Conversation c = Events.conversation("c1");

    @Test
    void startSetsCustomerFieldsLowerCasingSegmentAndChannel() {
        scorer.apply(s, c.started("cust-9", "VIP", 120_000, "WhatsApp"));
        assertThat(s.conversationId).isEqualTo("c1");
        assertThat(s.startSeen).isTrue();
        assertThat(s.customerId).isEqualTo("cust-9");
        assertThat(s.segment).isEqualTo("vip");
        assertThat(s.channel).isEqualTo("whatsapp");
        assertThat(s.customerValue).isEqualTo(120_000.0);
        assertThat(s.language).isEqualTo("en");
        assertThat(s.startTime).isEqualTo(T0);
        assertThat(s.lastEventTime).isEqualTo(T0);
        assertThat(s.lastEventId).isEqualTo("c1-e1");
    }

    @Test
    void customerMessagesUpdateSentimentEmaMinLastWindowAndWaiting() {
        scorer.apply(s, c.started("standard"));
        scorer.apply(s, c.after(10).customer("fine [s=0.5]"));
        scorer.apply(s, c.after(10).customer("hmm [s=-0.5]"));
        assertThat(s.customerMessages).isEqualTo(2);
        assertThat(s.sentimentLast).isEqualTo(-0.5);
        assertThat(s.sentimentMin).isEqualTo(-0.5);
        // EMA with alpha 0.4: 0.4 * -0.5 + 0.6 * 0.5
        assertThat(s.sentimentEma).isCloseTo(0.1, within(1e-12));
        assertThat(s.sentiments()).containsExactly(0.5, -0.5);
        assertThat(s.lastCustomerMessageTime).isEqualTo(T0 + 20_000);
        assertThat(s.waitingSince).as("waiting since the first unanswered message").isEqualTo(T0 + 10_000);
        assertThat(Signals.slope(s)).isCloseTo(-1.0, within(1e-12));
        assertThat(Signals.drop(s)).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void sentimentIsOnlyReadInEnglishConversations() {
        // The lexicon is English: German "das war alles" would read as "war".
        scorer.apply(s, Events.event("c1", "c1-e1", T0,
                new com.takeover.schema.ConversationStarted("cust-1", "standard", 0.0, "web", "de-CH")));
        scorer.apply(s, c.at(T0 + 10_000).customer("Danke, das war alles! [s=-0.8] [human]"));
        assertThat(s.sentimentLast).isEqualTo(0.0);
        assertThat(s.sentimentMin).isEqualTo(0.0);
        assertThat(s.humanRequested).as("other signals are still read").isTrue();

        ConversationState english = new ConversationState();
        scorer.apply(english, Events.event("c2", "c2-e1", T0,
                new com.takeover.schema.ConversationStarted("cust-2", "standard", 0.0, "web", "en-GB")));
        scorer.apply(english, Events.customer("c2", "c2-e2", T0 + 10_000, "awful [s=-0.8]"));
        assertThat(english.sentimentLast).isEqualTo(-0.8);
    }

    @Test
    void aiMessagesUpdateConfidenceStatsIntentAndStopTheWait() {
        scorer.apply(s, c.started("standard"));
        scorer.apply(s, c.after(5).customer("I was charged twice"));
        scorer.apply(s, c.after(5).ai("Let me check", 0.9, "Billing_Dispute"));
        scorer.apply(s, c.after(5).ai("Sorry?", 0.3));
        assertThat(s.aiMessages).isEqualTo(2);
        assertThat(s.aiConfidenceLast).isEqualTo(0.3);
        assertThat(s.aiConfidenceMin).isEqualTo(0.3);
        assertThat(s.aiConfidenceAvg()).isCloseTo(0.6, within(1e-12));
        assertThat(s.lowConfidenceAnswers).isEqualTo(1);
        assertThat(s.intentTopic).isEqualTo("billing_dispute");
        assertThat(s.topic).isEqualTo("billing_dispute");
        assertThat(s.waitingSince).isNull();
        assertThat(s.lastAnswerTime).isEqualTo(T0 + 15_000);
    }

    @Test
    void agentMessagesCountAndAnswer() {
        scorer.apply(s, c.started("standard"));
        scorer.apply(s, c.after(5).customer("hello"));
        scorer.apply(s, c.after(5).agent("Hi, I am Sam"));
        assertThat(s.agentMessages).isEqualTo(1);
        assertThat(s.waitingSince).isNull();
        assertThat(s.lastAnswerTime).isEqualTo(T0 + 10_000);
    }

    @Test
    void takeoverRecordsTheFirstTakeoverAndItsSnapshotHandBackReArms() {
        scorer.apply(s, c.started("standard"));
        scorer.apply(s, c.after(5).customer("bad [s=-0.6]"));
        scorer.apply(s, c.after(60).takeover(TakeoverTrigger.ALERT, "a-1"));
        assertThat(s.takenOver).isTrue();
        assertThat(s.everTakenOver).isTrue();
        assertThat(s.takeoverTime).isEqualTo(T0 + 65_000);
        assertThat(s.takeoverAgentId).isEqualTo("agent-7");
        assertThat(s.takeoverTrigger).isEqualTo(TakeoverTrigger.ALERT);
        assertThat(s.takeoverMode).isEqualTo(TakeoverMode.FULL);
        assertThat(s.takeoverAlertId).isEqualTo("a-1");
        assertThat(s.decisionAtTakeover).isTrue();
        assertThat(s.decisionSnapshot.time).isEqualTo(T0 + 65_000);
        assertThat(s.decisionSnapshot.sentimentLast).isEqualTo(-0.6);
        double riskBefore = s.maxRisk;

        scorer.apply(s, c.after(10).handBack());
        assertThat(s.takenOver).isFalse();
        assertThat(s.handedBack).isTrue();

        scorer.apply(s, c.after(10).customer("awful [s=-1.0]"));
        assertThat(s.maxRisk).as("max risk counts only before the first takeover").isEqualTo(riskBefore);
        scorer.apply(s, c.after(10).takeover());
        assertThat(s.takeoverTrigger).as("first takeover kept").isEqualTo(TakeoverTrigger.ALERT);
        assertThat(s.decisionSnapshot.time).isEqualTo(T0 + 65_000);
        assertThat(s.lastTakeoverSnapshot.time).isEqualTo(T0 + 95_000);
    }

    @Test
    void endedConversationIgnoresLaterEvents() {
        scorer.apply(s, c.started("standard"));
        scorer.apply(s, c.after(5).customer("thanks [s=0.8]"));
        scorer.apply(s, c.after(5).ended(EndedBy.CUSTOMER));
        assertThat(s.ended).isTrue();
        assertThat(s.endTime).isEqualTo(T0 + 10_000);
        assertThat(s.endedBy).isEqualTo(EndedBy.CUSTOMER);
        assertThat(s.endReason).isEqualTo("resolved");
        assertThat(scorer.ignores(s, c.customer("x"))).isTrue();

        scorer.apply(s, c.after(5).customer("late [s=-1]"));
        assertThat(s.customerMessages).isEqualTo(1);
        assertThat(s.sentimentLast).isEqualTo(0.8);
        assertThat(s.lastEventTime).isEqualTo(T0 + 10_000);
    }

    @Test
    void endReasonIsFreeTextAndKeptMasked() {
        scorer.apply(s, c.started("standard"));
        scorer.apply(s, Events.ended("c1", "e-end", T0 + 5_000, EndedBy.AGENT,
                "customer will call back on +44 7700 900123 or jane@example.com"));
        assertThat(s.endReason).isEqualTo("customer will call back on [phone] or [email]");
    }

    @Test
    void conversationWhoseStartWasNeverSeenHasUnknownCustomerFields() {
        scorer.apply(s, c.after(30).customer("where is my order [s=-0.2]"));
        assertThat(s.startSeen).isFalse();
        assertThat(s.conversationId).isEqualTo("c1");
        assertThat(s.segment).isNull();
        assertThat(s.customerId).isNull();
        assertThat(s.customerValue).isNull();
        assertThat(s.startTime).isEqualTo(T0 + 30_000);
        assertThat(s.topic).isEqualTo("order_status");
        // an earlier event (out of order) moves the start back
        scorer.apply(s, Events.ai("c1", "x", T0 + 10_000, "hi", 0.9, null));
        assertThat(s.startTime).isEqualTo(T0 + 10_000);
        // a late start event fills the customer fields and fixes the start time
        scorer.apply(s, Events.started("c1", "st", T0, "cust-1", "Enterprise", 5.0, "app"));
        assertThat(s.segment).isEqualTo("enterprise");
        assertThat(s.startTime).isEqualTo(T0);
        assertThat(s.lastEventTime).isEqualTo(T0 + 30_000);
    }

    @Test
    void intentLabelWinsOverPhraseRulesButPhraseTopicsCountAsSeen() {
        scorer.apply(s, c.started("standard"));
        scorer.apply(s, c.after(5).customer("I want a refund"));
        assertThat(s.topic).isEqualTo("refund");
        scorer.apply(s, c.after(5).ai("Checking", 0.9, "billing_dispute"));
        assertThat(s.topic).isEqualTo("billing_dispute");
        scorer.apply(s, c.after(5).customer("I will talk to my lawyer"));
        assertThat(s.topic).as("intent still wins").isEqualTo("billing_dispute");
        assertThat(s.topics()).containsExactly("refund", "billing_dispute", "legal");
        assertThat(s.sensitive).as("legal was seen").isTrue();
    }

    @Test
    void humanRequestIsStickyAndSensitiveTopicsAreConfigurable() {
        scorer.apply(s, c.started("standard"));
        scorer.apply(s, c.after(5).customer("get me a person [human]"));
        scorer.apply(s, c.after(5).customer("ok"));
        assertThat(s.humanRequested).isTrue();
        assertThat(s.sensitive).isFalse();

        ConversationScorer refundSensitive = Events.scriptedScorer(ScoringConfig.defaults()
                .withTopics(ScoringConfig.defaults().topics(), java.util.Set.of("refund")));
        ConversationState t = new ConversationState();
        refundSensitive.apply(t, c.after(5).customer("I want my money back"));
        assertThat(t.topic).isEqualTo("refund");
        assertThat(t.sensitive).isTrue();
    }

    @Test
    void windowAndPreviewAreBoundedRings() {
        scorer.apply(s, c.started("standard"));
        for (int i = 0; i < 100; i++) {
            scorer.apply(s, c.after(5).customer("msg " + i + " [s=" + (i % 2 == 0 ? "0.1" : "-0.1") + "]"));
        }
        assertThat(s.sentimentWindow).hasSize(5);
        assertThat(s.sentimentWindowCount).isEqualTo(5);
        assertThat(s.previewTexts).hasSize(5);
        assertThat(s.preview()).extracting(PreviewMessage::getText)
                .containsExactly("msg 95 [s=-0.1]", "msg 96 [s=0.1]", "msg 97 [s=-0.1]", "msg 98 [s=0.1]", "msg 99 [s=-0.1]");
        assertThat(s.preview()).extracting(PreviewMessage::getSpeaker).containsOnly(Speaker.CUSTOMER);
        assertThat(s.transcriptTexts).as("no transcript unless configured").isNull();
        assertThat(s.sentimentMin).isEqualTo(-0.1);
    }

    @Test
    void transcriptKeptOnlyWhenConfiguredAndCapped() {
        ConversationScorer keep = Events.scriptedScorer(ScoringConfig.defaults().withKeepTranscript(true));
        for (int i = 0; i < 250; i++) {
            keep.apply(s, c.after(1).customer("m" + i));
        }
        assertThat(s.transcript()).hasSize(200);
        assertThat(s.transcript().get(0).getText()).isEqualTo("m50");
        assertThat(s.transcript().get(199).getText()).isEqualTo("m249");
    }

    @Test
    void scoreTextReportsSentimentHumanRequestTopicAndSensitivity() {
        assertThat(scorer.scoreText("I'll sue you [s=-0.8] [human]"))
                .isEqualTo(new MessageScore(-0.8, true, "legal", true));
        assertThat(scorer.scoreText("how do i change my plan [s=0.1]"))
                .isEqualTo(new MessageScore(0.1, false, "product_question", false));
        assertThat(scorer.scoreText("")).isEqualTo(new MessageScore(0.0, false, null, false));
        assertThat(scorer.scoreText("[s=-7]").sentiment()).as("clamped").isEqualTo(-1.0);
    }

    @Test
    void snapshotCarriesTheSignals() {
        scorer.apply(s, c.started("standard"));
        scorer.apply(s, c.after(60).customer("meh [s=0.2]"));
        scorer.apply(s, c.after(60).ai("answer", 0.7, "refund"));
        scorer.apply(s, c.after(60).customer("no [s=-0.4] [human]"));
        SignalSnapshot snap = scorer.snapshot(s, T0 + 5 * MINUTE);
        assertThat(snap.getTime()).isEqualTo(T0 + 5 * MINUTE);
        assertThat(snap.getRisk()).isEqualTo(scorer.risk(s, T0 + 5 * MINUTE));
        assertThat(snap.getSentimentLast()).isEqualTo(-0.4);
        assertThat(snap.getSentimentAvg()).isCloseTo(0.4 * -0.4 + 0.6 * 0.2, within(1e-12));
        assertThat(snap.getSentimentMin()).isEqualTo(-0.4);
        assertThat(snap.getSentimentSlope()).isCloseTo(-0.6, within(1e-12));
        assertThat(snap.getAiConfidenceLast()).isEqualTo(0.7);
        assertThat(snap.getAiConfidenceMin()).isEqualTo(0.7);
        assertThat(snap.getAiConfidenceAvg()).isEqualTo(0.7);
        assertThat(snap.getTurns()).isEqualTo(2);
        assertThat(snap.getElapsedMs()).isEqualTo(5 * MINUTE);
        assertThat(snap.getHumanRequested()).isTrue();
        assertThat(snap.getTopic()).isEqualTo("refund");
        assertThat(snap.getSensitiveTopic()).isFalse();

        SignalSnapshot empty = scorer.snapshot(new ConversationState("x"), T0);
        assertThat(empty.getSentimentLast()).isNull();
        assertThat(empty.getSentimentSlope()).isNull();
        assertThat(empty.getAiConfidenceAvg()).isNull();
        assertThat(empty.getRisk()).isEqualTo(0.0);
    }

    @Test
    void scorerAndStateSurviveJavaSerialization() throws Exception {
        ConversationScorer real = ConversationScorer.withDefaults();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(real);
            out.writeObject(scorer);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            ConversationScorer back = (ConversationScorer) in.readObject();
            ConversationScorer backScripted = (ConversationScorer) in.readObject();
            assertThat(back.scoreText("I want a refund").topic()).isEqualTo("refund");
            assertThat(backScripted.scoreText("x [s=-0.5]").sentiment()).isEqualTo(-0.5);
        }
    }
}
