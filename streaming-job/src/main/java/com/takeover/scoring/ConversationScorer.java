package com.takeover.scoring;

import com.takeover.privacy.PiiMasker;
import com.takeover.rules.Signal;
import com.takeover.schema.AgentMessage;
import com.takeover.schema.AiMessage;
import com.takeover.schema.ConversationEnded;
import com.takeover.schema.ConversationEvent;
import com.takeover.schema.ConversationStarted;
import com.takeover.schema.CustomerMessage;
import com.takeover.schema.HandBack;
import com.takeover.schema.SignalSnapshot;
import com.takeover.schema.Speaker;
import com.takeover.schema.Takeover;
import java.io.Serializable;
import java.util.Locale;
import java.util.Objects;

/**
 * Folds a conversation's events into its {@link ConversationState} and reads signals, risk and snapshots from
 * it. Plain Java, no engine types; one instance serves every conversation (it holds no per-conversation data).
 *
 * <p>Unknown conversations: the first event of a conversation creates its state whatever its kind; when the
 * start event was never seen, customer id, segment, value, channel and language stay null (segment-scoped rules
 * do not match) and the start time is the earliest event time seen. Ended conversations: every event after
 * {@code ConversationEnded} is ignored ({@link #apply} leaves the state unchanged), so a late message cannot
 * revive a closed conversation or its alerts.
 */
public final class ConversationScorer implements Serializable {
    private static final long serialVersionUID = 1L;

    private final ScoringConfig config;
    private final SentimentModel sentiment;
    private final HumanRequestModel humanRequest;
    private final PiiMasker masker;

    public ConversationScorer(ScoringConfig config) {
        this(config, SentimentModel.lexicon(), HumanRequestModel.detector(), new PiiMasker());
    }

    /** With explicit text models (tests script sentiments with this). */
    public ConversationScorer(ScoringConfig config, SentimentModel sentiment, HumanRequestModel humanRequest,
            PiiMasker masker) {
        this.config = Objects.requireNonNull(config, "config");
        this.sentiment = Objects.requireNonNull(sentiment, "sentiment");
        this.humanRequest = Objects.requireNonNull(humanRequest, "humanRequest");
        this.masker = Objects.requireNonNull(masker, "masker");
    }

    public static ConversationScorer withDefaults() {
        return new ConversationScorer(ScoringConfig.defaults());
    }

    public ScoringConfig config() {
        return config;
    }

    /** One customer message on its own: sentiment, human request, phrase-rule topic and its sensitivity. */
    public MessageScore scoreText(String customerText) {
        String text = customerText == null ? "" : customerText;
        double s = sentiment.score(text);
        if (Double.isNaN(s)) {
            s = 0;
        }
        s = Math.max(-1, Math.min(1, s));
        String topic = config.topicClassifier().classify(text);
        return new MessageScore(s, humanRequest.isHumanRequest(text), topic, config.isSensitive(topic));
    }

    /** Whether {@link #apply} would ignore this event (the conversation has ended). */
    public boolean ignores(ConversationState state, ConversationEvent event) {
        return state.ended;
    }

    /** Updates the state with one event. Text is PII-masked before it is stored (preview, transcript). */
    public void apply(ConversationState state, ConversationEvent event) {
        if (state.ended) {
            return;
        }
        long t = event.getEventTime();
        if (state.conversationId == null) {
            state.conversationId = event.getConversationId();
        }
        if (state.events == 0 || (!state.startSeen && t < state.startTime)) {
            state.startTime = t;
        }
        state.events++;
        Object p = event.getPayload();
        if (p instanceof ConversationStarted st) {
            onStart(state, st, t);
        } else if (p instanceof CustomerMessage m) {
            onCustomer(state, m, t);
        } else if (p instanceof AiMessage m) {
            onAi(state, m, t);
        } else if (p instanceof AgentMessage m) {
            onAgent(state, m, t);
        } else if (p instanceof Takeover tk) {
            onTakeover(state, tk, event.getEventId(), t);
        } else if (p instanceof HandBack) {
            state.takenOver = false;
            state.handedBack = true;
        } else if (p instanceof ConversationEnded e) {
            state.ended = true;
            state.endTime = t;
            state.endedBy = e.getEndedBy();
            state.endReason = masker.mask(e.getReason()); // free text from the platform: may quote the customer
        }
        state.lastEventTime = Math.max(state.lastEventTime, t);
        state.lastEventId = event.getEventId();
        if (!state.everTakenOver) {
            state.maxRisk = Math.max(state.maxRisk, risk(state, t));
        }
    }

    private void onStart(ConversationState s, ConversationStarted st, long t) {
        if (s.startSeen) {
            return; // a repeated start changes nothing
        }
        s.startSeen = true;
        s.startTime = t;
        s.customerId = st.getCustomerId();
        s.segment = st.getSegment() == null ? null : st.getSegment().toLowerCase(Locale.ROOT);
        s.customerValue = st.getCustomerValue();
        s.channel = st.getChannel() == null ? null : st.getChannel().toLowerCase(Locale.ROOT);
        s.language = st.getLanguage();
    }

    private void onCustomer(ConversationState s, CustomerMessage m, long t) {
        MessageScore ms = scoreText(m.getText());
        // The lexicon and the support phrases are English: read another language with them and
        // German "das war alles" (that was all) becomes "war". No reading beats a false alarm.
        double v = readsEnglish(s.language) ? ms.sentiment() : 0.0;
        if (s.sentimentCount == 0) {
            s.sentimentEma = v;
            s.sentimentMin = v;
        } else {
            s.sentimentEma = config.emaAlpha() * v + (1 - config.emaAlpha()) * s.sentimentEma;
            s.sentimentMin = Math.min(s.sentimentMin, v);
        }
        s.sentimentLast = v;
        s.sentimentCount++;
        s.pushSentiment(v, config.trajectoryWindow());
        s.customerMessages++;
        if (ms.humanRequested()) {
            s.humanRequested = true;
            // Asked while a human already has it: that request is being served.
            s.humanRequestOpen |= !s.takenOver;
        }
        if (ms.topic() != null) {
            s.phraseTopic = ms.topic();
            noteTopic(s, ms.topic());
        }
        s.lastCustomerMessageTime = t;
        // "thanks, bye" asks for nothing: the customer is not waiting (no stall alerts for a happy goodbye)
        if (s.waitingSince == null && (ms.humanRequested() || !SignOff.isSignOff(m.getText()))) {
            s.waitingSince = t;
        }
        keepText(s, Speaker.CUSTOMER, t, m.getText());
    }

    /** English or not stated (a conversation whose start was never seen). */
    static boolean readsEnglish(String language) {
        return language == null || language.isBlank() || language.toLowerCase(Locale.ROOT).startsWith("en");
    }

    private void onAi(ConversationState s, AiMessage m, long t) {
        double c = m.getConfidence();
        c = Double.isNaN(c) ? 0 : Math.max(0, Math.min(1, c));
        if (s.aiConfidenceCount == 0) {
            s.aiConfidenceMin = c;
        } else {
            s.aiConfidenceMin = Math.min(s.aiConfidenceMin, c);
        }
        s.aiConfidenceLast = c;
        s.aiConfidenceSum += c;
        s.aiConfidenceCount++;
        s.aiMessages++;
        if (c < config.lowConfidenceMark()) {
            s.lowConfidenceAnswers++;
        }
        String intent = m.getIntent();
        if (intent != null && !intent.isBlank()) {
            s.intentTopic = intent.trim().toLowerCase(Locale.ROOT);
            noteTopic(s, s.intentTopic);
        }
        answered(s, t);
        keepText(s, Speaker.AI, t, m.getText());
    }

    private void onAgent(ConversationState s, AgentMessage m, long t) {
        s.agentMessages++;
        answered(s, t);
        keepText(s, Speaker.AGENT, t, m.getText());
    }

    private void onTakeover(ConversationState s, Takeover tk, String eventId, long t) {
        SnapshotState snap = Signals.snapshot(s, t, config);
        s.lastTakeoverSnapshot = snap;
        s.lastTakeoverEventId = eventId;
        if (!s.everTakenOver) {
            s.everTakenOver = true;
            s.takeoverTime = t;
            s.takeoverAgentId = tk.getAgentId();
            s.takeoverTrigger = tk.getTrigger();
            s.takeoverMode = tk.getMode();
            s.takeoverAlertId = tk.getAlertId();
            s.decisionSnapshot = snap;
            s.decisionAtTakeover = true;
        }
        s.takenOver = true;
        s.humanRequestOpen = false; // a human came: after a hand-back only a new request counts
    }

    private static void answered(ConversationState s, long t) {
        s.lastAnswerTime = s.lastAnswerTime == null ? t : Math.max(s.lastAnswerTime, t);
        s.waitingSince = null;
    }

    /** The intent label wins over phrase rules for the current topic; both count as topics seen. */
    private void noteTopic(ConversationState s, String topic) {
        s.addTopic(topic);
        s.topic = s.intentTopic != null ? s.intentTopic : s.phraseTopic;
        if (config.isSensitive(topic)) {
            s.sensitive = true;
        }
    }

    private void keepText(ConversationState s, Speaker speaker, long t, String raw) {
        boolean preview = config.previewSize() > 0;
        boolean transcript = config.keepTranscript();
        if (!preview && !transcript) {
            return;
        }
        String masked = masker.mask(raw == null ? "" : raw);
        if (preview) {
            s.pushPreview(speaker, t, masked, config.previewSize());
        }
        if (transcript) {
            s.pushTranscript(speaker, t, masked, config.transcriptLimit());
        }
    }

    /** Risk score in [0, 1] at {@code atTime} (formula: {@link Signals#risk}, docs/scoring.md). */
    public double risk(ConversationState state, long atTime) {
        return Signals.risk(state, atTime, config);
    }

    /** One signal's value at {@code atTime}; NaN when not known yet. */
    public double signal(Signal signal, ConversationState state, long atTime) {
        return Signals.value(signal, state, atTime, config);
    }

    /** Every signal at {@code atTime}, indexed by {@link Signal#ordinal()}. */
    public double[] signals(ConversationState state, long atTime) {
        return Signals.values(state, atTime, config);
    }

    public SignalSnapshot snapshot(ConversationState state, long atTime) {
        return Signals.snapshot(state, atTime, config).toAvro();
    }
}
