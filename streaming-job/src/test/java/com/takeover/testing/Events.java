package com.takeover.testing;

import com.takeover.privacy.PiiMasker;
import com.takeover.schema.AgentMessage;
import com.takeover.schema.AiMessage;
import com.takeover.schema.ConversationEnded;
import com.takeover.schema.ConversationEvent;
import com.takeover.schema.ConversationStarted;
import com.takeover.schema.CustomerMessage;
import com.takeover.schema.EndedBy;
import com.takeover.schema.HandBack;
import com.takeover.schema.Takeover;
import com.takeover.schema.TakeoverMode;
import com.takeover.schema.TakeoverTransition;
import com.takeover.schema.TakeoverTrigger;
import com.takeover.scoring.ConversationScorer;
import com.takeover.scoring.HumanRequestModel;
import com.takeover.scoring.ScoringConfig;
import com.takeover.scoring.SentimentModel;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test base: fixed instants, event factories and scripted text models, shared by the scoring, rules and Flink
 * tests.
 *
 * <p>Scripted texts: a customer message containing {@code [s=-0.30]} has exactly that sentiment (0 without a
 * tag), one containing {@code [human]} asks for a human. {@link #scriptedScorer()} reads these tags, so rule
 * tests do not depend on the lexicon's tuning.
 *
 * <pre>
 * Events.Conversation c = Events.conversation("c1");
 * List&lt;ConversationEvent&gt; evs = List.of(c.started("vip"), c.after(30).customer("hello [s=+0.5]"), c.after(5).ai("hi", 0.9));
 * </pre>
 */
public final class Events {
    /** Monday 2 March 2026, 09:00:00 UTC. */
    public static final long T0 = Instant.parse("2026-03-02T09:00:00Z").toEpochMilli();
    public static final long SECOND = 1_000L;
    public static final long MINUTE = 60_000L;

    private static final Pattern SENTIMENT_TAG = Pattern.compile("\\[s=([-+]?\\d*\\.?\\d+)\\]");

    private Events() {}

    // --- scripted text models

    public static SentimentModel scriptedSentiment() {
        return new ScriptedSentiment();
    }

    public static HumanRequestModel scriptedHumanRequest() {
        return new ScriptedHuman();
    }

    public static ConversationScorer scriptedScorer() {
        return scriptedScorer(ScoringConfig.defaults());
    }

    public static ConversationScorer scriptedScorer(ScoringConfig config) {
        return new ConversationScorer(config, scriptedSentiment(), scriptedHumanRequest(), new PiiMasker());
    }

    /** Named classes, not lambdas, so a Flink operator holding the scorer serializes. */
    static final class ScriptedSentiment implements SentimentModel {
        private static final long serialVersionUID = 1L;

        @Override
        public double score(String text) {
            Matcher m = SENTIMENT_TAG.matcher(text);
            return m.find() ? Double.parseDouble(m.group(1)) : 0.0;
        }
    }

    static final class ScriptedHuman implements HumanRequestModel {
        private static final long serialVersionUID = 1L;

        @Override
        public boolean isHumanRequest(String text) {
            return text.contains("[human]");
        }
    }

    // --- single events

    public static ConversationEvent event(String conversationId, String eventId, long time, Object payload) {
        return ConversationEvent.newBuilder()
                .setEventId(eventId)
                .setConversationId(conversationId)
                .setEventTime(time)
                .setPayload(payload)
                .build();
    }

    public static ConversationEvent started(String conversationId, String eventId, long time, String customerId,
            String segment, double customerValue, String channel) {
        return event(conversationId, eventId, time,
                new ConversationStarted(customerId, segment, customerValue, channel, "en"));
    }

    public static ConversationEvent customer(String conversationId, String eventId, long time, String text) {
        return event(conversationId, eventId, time, new CustomerMessage(text));
    }

    public static ConversationEvent ai(String conversationId, String eventId, long time, String text,
            double confidence, String intent) {
        return event(conversationId, eventId, time, new AiMessage(text, confidence, intent));
    }

    public static ConversationEvent agent(String conversationId, String eventId, long time, String agentId, String text) {
        return event(conversationId, eventId, time, new AgentMessage(agentId, text));
    }

    public static ConversationEvent takeover(String conversationId, String eventId, long time, String agentId,
            TakeoverTrigger trigger, String alertId, TakeoverMode mode) {
        return event(conversationId, eventId, time,
                new Takeover(agentId, trigger, alertId, mode, TakeoverTransition.ANNOUNCED));
    }

    public static ConversationEvent handBack(String conversationId, String eventId, long time, String agentId) {
        return event(conversationId, eventId, time, new HandBack(agentId));
    }

    public static ConversationEvent ended(String conversationId, String eventId, long time, EndedBy by, String reason) {
        return event(conversationId, eventId, time, new ConversationEnded(by, reason));
    }

    // --- a conversation with a running clock and event ids <conversationId>-e<n>

    public static Conversation conversation(String conversationId) {
        return new Conversation(conversationId, T0);
    }

    public static Conversation conversation(String conversationId, long startTime) {
        return new Conversation(conversationId, startTime);
    }

    /** Builds one conversation's events; {@link #after} moves its clock forward. */
    public static final class Conversation {
        private final String id;
        private long now;
        private int seq;

        Conversation(String id, long start) {
            this.id = id;
            this.now = start;
        }

        public String id() {
            return id;
        }

        public long now() {
            return now;
        }

        /** Id the next event will get. */
        public String nextEventId() {
            return id + "-e" + (seq + 1);
        }

        public Conversation after(long seconds) {
            now += seconds * SECOND;
            return this;
        }

        public Conversation after(Duration d) {
            now += d.toMillis();
            return this;
        }

        public Conversation at(long time) {
            now = time;
            return this;
        }

        private String nextId() {
            return id + "-e" + (++seq);
        }

        public ConversationEvent started(String segment) {
            return started("cust-" + id, segment, 0.0, "web");
        }

        public ConversationEvent started(String customerId, String segment, double value, String channel) {
            return Events.started(id, nextId(), now, customerId, segment, value, channel);
        }

        public ConversationEvent customer(String text) {
            return Events.customer(id, nextId(), now, text);
        }

        public ConversationEvent ai(String text, double confidence) {
            return Events.ai(id, nextId(), now, text, confidence, null);
        }

        public ConversationEvent ai(String text, double confidence, String intent) {
            return Events.ai(id, nextId(), now, text, confidence, intent);
        }

        public ConversationEvent agent(String text) {
            return Events.agent(id, nextId(), now, "agent-7", text);
        }

        public ConversationEvent takeover() {
            return takeover(TakeoverTrigger.MANUAL, null);
        }

        public ConversationEvent takeover(TakeoverTrigger trigger, String alertId) {
            return Events.takeover(id, nextId(), now, "agent-7", trigger, alertId, TakeoverMode.FULL);
        }

        public ConversationEvent handBack() {
            return Events.handBack(id, nextId(), now, "agent-7");
        }

        public ConversationEvent ended(EndedBy by) {
            return Events.ended(id, nextId(), now, by, "resolved");
        }
    }
}
