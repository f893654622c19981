package com.takeover.simulate;

import com.takeover.schema.AgentMessage;
import com.takeover.schema.AiMessage;
import com.takeover.schema.AlertReason;
import com.takeover.schema.ConversationEnded;
import com.takeover.schema.ConversationEvent;
import com.takeover.schema.ConversationStarted;
import com.takeover.schema.CustomerMessage;
import com.takeover.schema.EndedBy;
import com.takeover.schema.HandBack;
import com.takeover.schema.Severity;
import com.takeover.schema.Takeover;
import com.takeover.schema.TakeoverAlert;
import com.takeover.schema.TakeoverMode;
import com.takeover.schema.TakeoverTransition;
import com.takeover.schema.TakeoverTrigger;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * One simulated conversation as a state machine that emits its events one at a time, in
 * increasing event time. Everything is drawn from the conversation's own random stream, so a
 * conversation is identical whatever else runs at the same time; a takeover offered from outside
 * (a supervisor acting on an alert) changes only what happens after it.
 */
final class ConversationSession {
    private static final long SALT_CONVERSATION = 0x636F6E7665727361L;
    private static final long SALT_CUSTOMER = 0x637573746F6D6572L;
    static final long SECOND = 1000L;
    static final long MINUTE = 60 * SECOND;

    private enum Step { START, CUSTOMER, AI, AGENT, TAKEOVER, HAND_BACK, END, DONE }

    private enum Control { AI, AGENT, CO_PILOT }

    /** Kinds of the built-in stand-in alerts; each fires at most once per conversation. */
    enum ProxyAlert { HUMAN_REQUEST, SENTIMENT_LOW, VIP_UNHAPPY, SENSITIVE_TOPIC, LOW_CONFIDENCE }

    // ---- who and what (fixed at start)
    final int index;
    final String id;
    private final Rng rng;
    private final long startTime;
    private final Segment segment;
    private final String customerId;
    private final double customerValue;
    private final Channel channel;
    private final Language language;
    private final Topic topic;
    private final Persona persona;
    private final double trouble;
    private final double[] moodPlan;
    private final int humanRequestFrom;
    private final int suddenTurn;
    private final boolean abandon;
    private final TakeoverRequest manualPlan;
    private final int manualTurn;

    // ---- how it is going
    private Step next = Step.START;
    private long nextTime;
    private int seq;
    private long lastTime = Long.MIN_VALUE;
    private int plannedCustomerMessages;
    private int customerMessages;
    private int agentMessages;
    private Control control = Control.AI;
    private double mood;
    private double lastConfidence = 1.0;
    private boolean lastFromCustomer;
    private boolean lastWasClosing;
    private boolean humanRequested;
    private boolean humanRequestedNow;
    private boolean declinedOnce;
    private boolean greetingDue;
    private String agentId;
    private String agentName;
    private int handBackAfter;
    private TakeoverRequest pending;
    private long pendingTime;
    private ConversationFacts.TakeoverFact firstTakeover;
    private boolean handedBack;
    private boolean abandoned;
    private int alertsReceived;
    private int takeovers;
    private int handBacks;
    private int missedTakeovers;
    private EndedBy endedBy;
    /** Slot values that stay the same through the conversation (order number, amount, e-mail...). */
    private final java.util.Map<String, String> slots = new java.util.HashMap<>();
    private final Set<ProxyAlert> proxyFired = EnumSet.noneOf(ProxyAlert.class);

    ConversationSession(long seed, String conversationId, int index, long startTime, double abandonShare) {
        this.index = index;
        this.id = conversationId;
        this.startTime = startTime;
        this.nextTime = startTime;
        this.rng = Rng.derive(seed, SALT_CONVERSATION, conversationId);

        segment = Segment.values()[rng.weighted(shares(Segment.values()))];
        customerId = String.format("cust-%s%06d", segment.label().charAt(0), rng.nextInt(segment.customers()));
        // a customer's value is a property of the customer, the same in each of their conversations
        Rng customerRng = Rng.derive(seed, SALT_CUSTOMER, customerId);
        customerValue = Math.round(customerRng.lognormal(segment.valueMedian(), segment.valueSigma()) * 100) / 100.0;
        channel = Channel.values()[rng.weighted(shares(Channel.values()))];
        language = Language.values()[rng.weighted(shares(Language.values()))];
        topic = Topic.values()[rng.weighted(shares(Topic.values()))];
        trouble = Rng.sigmoid(topic.troubleLogit() + segment.troubleShift() + rng.gaussian());

        double calm = 3.0 * (1 - trouble) * (1 - trouble);
        persona = Persona.values()[rng.weighted(new double[] {
            calm, 2.2 * trouble, 1.2 * trouble, 1.2 * Math.pow(trouble, 1.5) + 0.1, 0.5})];

        // conversation length: log-normal, longer when in trouble, shorter by e-mail
        double median = (3.0 + 5.0 * trouble) * (channel == Channel.EMAIL ? 0.7 : 1.0);
        int turns = (int) Math.round(rng.lognormal(median, 0.45));
        if (persona != Persona.CALM && persona != Persona.CONFUSED) {
            turns = Math.max(turns, 3); // an arc needs room to unfold
        }
        turns = Math.max(1, Math.min(24, turns));
        plannedCustomerMessages = turns;
        humanRequestFrom = persona == Persona.HUMAN_REQUEST ? Math.max(1, (int) Math.round((turns - 1) * rng.uniform(0.3, 0.8))) : -1;
        suddenTurn = persona == Persona.SUDDEN_ANGER ? rng.between(1, Math.max(1, turns - 1)) : -1;
        moodPlan = planMood(turns);
        abandon = rng.chance(abandonShare);

        double manualP = 0.02 + 0.10 * trouble + (segment == Segment.VIP ? 0.04 : 0.0);
        if (turns >= 2 && rng.chance(manualP)) {
            manualTurn = rng.between(1, turns - 1);
            manualPlan = new TakeoverRequest(id, 0, null, TakeoverTrigger.MANUAL, null,
                    rng.chance(0.25) ? TakeoverMode.CO_PILOT : TakeoverMode.FULL,
                    rng.chance(0.2) ? TakeoverTransition.SILENT : TakeoverTransition.ANNOUNCED,
                    rng.chance(0.1) ? 2 : 0);
        } else {
            manualTurn = -1;
            manualPlan = null;
        }
    }

    private static double[] shares(Enum<?>[] values) {
        double[] w = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            w[i] = v instanceof Segment s ? s.share() : v instanceof Channel c ? c.share()
                    : v instanceof Language l ? l.share() : ((Topic) v).share();
        }
        return w;
    }

    /** The customer's mood for each of their messages if the AI keeps the conversation (the persona's arc). */
    private double[] planMood(int turns) {
        double[] m = new double[turns];
        for (int k = 0; k < turns; k++) {
            double frac = turns == 1 ? 0 : (double) k / (turns - 1);
            m[k] = switch (persona) {
                case CALM -> 0.15 + 0.25 * frac - 0.3 * trouble + rng.normal(0, 0.12);
                case CONFUSED -> 0.0 - 0.3 * trouble * frac + rng.normal(0, 0.1);
                case GRADUAL_FRUSTRATION -> 0.25 - (0.4 + 1.1 * trouble) * frac + rng.normal(0, 0.08);
                case SUDDEN_ANGER -> k < suddenTurn ? 0.2 + rng.normal(0, 0.1) : -0.55 - 0.45 * trouble + rng.normal(0, 0.1);
                case HUMAN_REQUEST -> 0.05 - (0.3 + 0.8 * trouble) * frac + rng.normal(0, 0.08);
            };
            m[k] = Rng.clamp(m[k], -1, 1);
        }
        return m;
    }

    // ------------------------------------------------------------------------------------------

    /** Event time of the next event this conversation will emit; Long.MAX_VALUE when finished. */
    long nextTime() {
        if (next == Step.DONE) {
            return Long.MAX_VALUE;
        }
        return pending != null && next != Step.START ? Math.min(nextTime, pendingTime) : nextTime;
    }

    boolean finished() {
        return next == Step.DONE;
    }

    /**
     * Offers a takeover decided outside the conversation. Refused (false) when a human already
     * has it or another takeover is on its way; {@code frontier} is the simulation's current
     * time, before which nothing can happen any more.
     */
    boolean offer(TakeoverRequest request, long frontier) {
        if (next == Step.DONE || control != Control.AI || pending != null) {
            return false;
        }
        pending = request;
        pendingTime = Math.max(request.notBefore(), Math.max(frontier, lastTime + 1));
        return true;
    }

    void alertReceived() {
        alertsReceived++;
    }

    /** Emits the next event and moves the conversation on. */
    ConversationEvent emit() {
        if (pending != null && next != Step.START && pendingTime <= nextTime) {
            return emitTakeover();
        }
        return switch (next) {
            case START -> emitStart();
            case CUSTOMER -> emitCustomer();
            case AI -> emitAi();
            case AGENT -> emitAgent();
            case HAND_BACK -> emitHandBack();
            case END -> emitEnd();
            case TAKEOVER, DONE -> throw new IllegalStateException("conversation " + id + " has nothing more to emit");
        };
    }

    private ConversationEvent event(long time, Object payload) {
        long t = Math.max(time, lastTime + 1);
        lastTime = t;
        seq++;
        return ConversationEvent.newBuilder()
                .setEventId(id + "-" + String.format("%03d", seq))
                .setConversationId(id)
                .setEventTime(t)
                .setPayload(payload)
                .build();
    }

    private void schedule(Step step, long delayMs) {
        next = step;
        nextTime = lastTime + Math.max(1, delayMs);
    }

    private ConversationEvent emitStart() {
        ConversationEvent e = event(startTime, ConversationStarted.newBuilder()
                .setCustomerId(customerId)
                .setSegment(segment.label())
                .setCustomerValue(customerValue)
                .setChannel(channel.label())
                .setLanguage(language.tag())
                .build());
        schedule(Step.CUSTOMER, (long) rng.uniform(1 * SECOND, 8 * SECOND));
        return e;
    }

    private ConversationEvent emitCustomer() {
        int k = customerMessages;
        boolean isLast = k >= plannedCustomerMessages - 1;
        humanRequestedNow = false;
        lastWasClosing = false;
        String text;
        if (control == Control.AI) {
            mood = handedBack ? Rng.clamp(mood + rng.normal(0, 0.1), -1, 1) : moodPlan[Math.min(k, moodPlan.length - 1)];
            TextBank.Mood bucket = TextBank.Mood.of(mood);
            if (k == 0) {
                text = TextBank.opener(topic, language, rng, slots);
            } else if (humanRequestFrom >= 0 && k >= humanRequestFrom && (k == humanRequestFrom || rng.chance(0.6))) {
                text = TextBank.humanRequest(bucket, language, rng, slots);
                humanRequestedNow = true;
            } else if (mood < -0.6 && rng.chance(0.12)) {
                text = TextBank.humanRequest(bucket, language, rng, slots);
                humanRequestedNow = true;
            } else if (isLast && !abandon) {
                text = TextBank.customerClosing(bucket, language, rng, slots);
                lastWasClosing = true;
            } else if (persona == Persona.CONFUSED && rng.chance(0.55)) {
                text = TextBank.confused(language, rng);
            } else if (persona == Persona.CALM && !declinedOnce && language == Language.EN && rng.chance(0.05)) {
                text = TextBank.humanDeclined(rng);
                declinedOnce = true;
            } else {
                text = TextBank.customerReply(topic, bucket, language, rng, slots);
            }
        } else {
            // a human is in: the customer calms down, faster where the human really helps
            double effect = OutcomeModel.takeoverEffect(topic);
            double recovery = 0.2 + 0.8 * Math.max(0, effect) - (effect < 0 ? 0.1 : 0) + rng.normal(0, 0.08);
            mood = Rng.clamp(mood + (control == Control.CO_PILOT ? recovery / 2 : recovery), -1, 0.8);
            TextBank.Mood bucket = TextBank.Mood.of(mood);
            if (isLast && !abandon) {
                text = TextBank.customerClosing(bucket, language, rng, slots);
                lastWasClosing = true;
            } else {
                text = TextBank.customerToAgent(topic, bucket, language, rng, slots);
            }
        }
        humanRequested |= humanRequestedNow;
        ConversationEvent e = event(nextTime, CustomerMessage.newBuilder().setText(text).build());
        customerMessages++;
        lastFromCustomer = true;

        if (manualPlan != null && k == manualTurn && control == Control.AI && pending == null && firstTakeover == null) {
            pending = new TakeoverRequest(id, 0, SupervisorSimulator.agentId(rng.nextInt(SupervisorSimulator.AGENTS)),
                    manualPlan.trigger(), null, manualPlan.mode(), manualPlan.transition(), manualPlan.handBackAfterAgentMessages());
            pendingTime = lastTime + (long) rng.uniform(20 * SECOND, 90 * SECOND);
        }
        if (abandon && isLast) {
            next = Step.DONE; // the customer walked away and the platform never closed it
            abandoned = true;
            endedBy = null;
            return e;
        }
        if (control == Control.AGENT) {
            schedule(Step.AGENT, agentDelay());
        } else {
            schedule(Step.AI, control == Control.CO_PILOT ? 2 * aiDelay() : aiDelay());
        }
        return e;
    }

    private ConversationEvent emitAi() {
        double frac = plannedCustomerMessages <= 1 ? 0 : Math.min(1.0, (double) (customerMessages - 1) / (plannedCustomerMessages - 1));
        double confidence = topic.aiSkill()
                - 0.35 * trouble * frac
                - (persona == Persona.CONFUSED ? 0.2 : 0)
                - (language != Language.EN ? 0.1 : 0)
                - (mood < -0.5 ? 0.1 : 0)
                + rng.normal(0, 0.07);
        if (control == Control.CO_PILOT) {
            confidence = Math.max(confidence, rng.uniform(0.7, 0.95)); // an agent approves each answer
        }
        confidence = Rng.clamp(confidence, 0.02, 0.99);
        boolean customerDone = customerMessages >= plannedCustomerMessages;
        String text;
        boolean escalate = false;
        if (customerDone && lastWasClosing) {
            text = TextBank.aiClosing(mood < -0.15, rng);
            confidence = Rng.clamp(Math.max(confidence, 0.85 + rng.normal(0, 0.03)), 0.02, 0.99);
        } else if (control == Control.AI && pending == null
                && ((humanRequestedNow && rng.chance(0.3)) || (confidence < 0.25 && rng.chance(0.25)))) {
            text = TextBank.aiEscalate(rng);
            escalate = true;
        } else if (humanRequestedNow && control == Control.AI) {
            text = TextBank.aiDeflectHuman(rng);
            confidence = Rng.clamp(confidence - 0.1, 0.02, 0.99);
        } else if (confidence < 0.45) {
            text = TextBank.aiLost(language, rng);
        } else {
            text = TextBank.aiAnswer(topic, language, mood < -0.15, rng, slots);
        }
        lastConfidence = confidence;
        String intent;
        double u = rng.uniform();
        boolean lost = confidence < 0.45;
        if (u < (lost ? 0.5 : 0.85)) {
            intent = topic.label();
        } else if (u < (lost ? 0.7 : 0.9)) {
            intent = Topic.values()[rng.nextInt(Topic.values().length)].label(); // mislabelled (sometimes right by chance)
        } else {
            intent = null;
        }
        ConversationEvent e = event(nextTime, AiMessage.newBuilder()
                .setText(text)
                .setConfidence(Math.round(confidence * 1000) / 1000.0)
                .setIntent(intent)
                .build());
        lastFromCustomer = false;
        if (escalate) {
            pending = new TakeoverRequest(id, 0, SupervisorSimulator.agentId(rng.nextInt(SupervisorSimulator.AGENTS)),
                    TakeoverTrigger.AI_SELF_ESCALATION, null, TakeoverMode.FULL, TakeoverTransition.ANNOUNCED, 0);
            pendingTime = lastTime + (long) rng.uniform(20 * SECOND, 120 * SECOND);
        }
        if (customerDone) {
            scheduleEnd();
        } else if (control == Control.CO_PILOT && rng.chance(0.3)) {
            schedule(Step.AGENT, (long) rng.uniform(5 * SECOND, 25 * SECOND));
        } else {
            schedule(Step.CUSTOMER, customerDelay());
        }
        return e;
    }

    private ConversationEvent emitAgent() {
        String text;
        boolean customerDone = customerMessages >= plannedCustomerMessages;
        Step after;
        long delay;
        boolean greeting = greetingDue;
        if (greetingDue) {
            greetingDue = false;
            text = TextBank.agentGreeting(agentName, topic, language, rng);
            after = lastFromCustomer ? Step.AGENT : Step.CUSTOMER;
            delay = lastFromCustomer ? agentDelay() : customerDelay();
        } else if (customerDone) {
            text = TextBank.agentClosing(language, rng);
            after = Step.END;
            delay = 0;
        } else if (handBackAfter > 0 && agentMessages + 1 >= handBackAfter) {
            text = TextBank.agentHandBack(rng);
            after = Step.HAND_BACK;
            delay = (long) rng.uniform(2 * SECOND, 10 * SECOND);
        } else if (control == Control.CO_PILOT) {
            text = TextBank.agentWork(topic, language, rng, slots);
            after = Step.CUSTOMER;
            delay = customerDelay();
        } else {
            text = TextBank.agentWork(topic, language, rng, slots);
            after = Step.CUSTOMER;
            delay = customerDelay();
        }
        ConversationEvent e = event(nextTime, AgentMessage.newBuilder().setAgentId(agentId).setText(text).build());
        if (!greeting) {
            agentMessages++; // greetings do not count towards a hand-back
        }
        lastFromCustomer = false;
        if (after == Step.END) {
            endedBy = EndedBy.AGENT;
            schedule(Step.END, (long) rng.uniform(5 * SECOND, 30 * SECOND));
        } else {
            schedule(after, delay);
        }
        return e;
    }

    private ConversationEvent emitTakeover() {
        TakeoverRequest r = pending;
        pending = null;
        long t = pendingTime;
        ConversationEvent e = event(t, Takeover.newBuilder()
                .setAgentId(r.agentId())
                .setTrigger(r.trigger())
                .setAlertId(r.alertId())
                .setMode(r.mode())
                .setTransition(r.transition())
                .build());
        takeovers++;
        if (firstTakeover == null) {
            firstTakeover = new ConversationFacts.TakeoverFact(e.getEventTime(), r.agentId(), r.trigger(), r.alertId(),
                    r.mode(), r.transition(), customerMessages);
        }
        control = r.mode() == TakeoverMode.CO_PILOT ? Control.CO_PILOT : Control.AGENT;
        agentId = r.agentId();
        agentName = SupervisorSimulator.agentName(agentId);
        agentMessages = 0;
        handBackAfter = r.handBackAfterAgentMessages();
        // the human gets a few more exchanges to sort it out, whatever the AI-only plan was
        plannedCustomerMessages = customerMessages + rng.between(2, 5);
        endedBy = null;
        if (control == Control.AGENT && r.transition() == TakeoverTransition.ANNOUNCED) {
            greetingDue = true;
            schedule(Step.AGENT, (long) rng.uniform(3 * SECOND, 20 * SECOND));
        } else if (lastFromCustomer) {
            schedule(control == Control.AGENT ? Step.AGENT : Step.AI, control == Control.AGENT ? agentDelay() : 2 * aiDelay());
        } else {
            schedule(Step.CUSTOMER, customerDelay());
        }
        return e;
    }

    private ConversationEvent emitHandBack() {
        ConversationEvent e = event(nextTime, HandBack.newBuilder().setAgentId(agentId).build());
        handBacks++;
        handedBack = true;
        control = Control.AI;
        plannedCustomerMessages = customerMessages + rng.between(1, 2);
        schedule(Step.CUSTOMER, customerDelay());
        return e;
    }

    private void scheduleEnd() {
        if (lastWasClosing) {
            endedBy = mood > 0.1 && rng.chance(0.6) ? EndedBy.AI : EndedBy.CUSTOMER;
            schedule(Step.END, (long) rng.uniform(2 * SECOND, 15 * SECOND));
        } else if (rng.chance(0.5)) {
            endedBy = EndedBy.SYSTEM; // the customer stopped answering: closed on inactivity
            schedule(Step.END, 10 * MINUTE);
        } else {
            endedBy = EndedBy.CUSTOMER;
            schedule(Step.END, (long) rng.uniform(30 * SECOND, 3 * MINUTE));
        }
    }

    private ConversationEvent emitEnd() {
        EndedBy by = endedBy == null ? EndedBy.SYSTEM : endedBy;
        endedBy = by;
        String reason = switch (by) {
            case AI -> "resolved";
            case AGENT -> rng.chance(0.8) ? "resolved" : "ticket_created";
            case CUSTOMER -> mood > 0.1 ? "resolved" : "customer_left";
            case SYSTEM -> "timeout";
        };
        ConversationEvent e = event(nextTime, ConversationEnded.newBuilder().setEndedBy(by).setReason(reason).build());
        if (pending != null) {
            pending = null; // the supervisor came too late
            missedTakeovers++;
        }
        next = Step.DONE;
        return e;
    }

    private long aiDelay() {
        return (long) rng.lognormal(1800, 0.4);
    }

    private long agentDelay() {
        return (long) rng.lognormal(35 * SECOND, 0.5);
    }

    private long customerDelay() {
        return (long) rng.lognormal(channel.customerDelayMedianMs(), 0.6);
    }

    // ------------------------------------------------------------------------------------------

    /**
     * The built-in stand-in for the Flink job's alerts (used when no job runs, e.g. dry runs):
     * after a customer message, a crude rule over what the job would see. Null when nothing fires.
     */
    TakeoverAlert proxyAlert() {
        if (!lastFromCustomer || control != Control.AI || pending != null || next == Step.DONE) {
            return null;
        }
        ProxyAlert kind = null;
        Severity severity = Severity.MEDIUM;
        if (humanRequestedNow && !proxyFired.contains(ProxyAlert.HUMAN_REQUEST)) {
            kind = ProxyAlert.HUMAN_REQUEST;
            severity = Severity.HIGH;
        } else if (mood <= -0.45 && !proxyFired.contains(ProxyAlert.SENTIMENT_LOW)) {
            kind = ProxyAlert.SENTIMENT_LOW;
            severity = mood <= -0.7 ? Severity.HIGH : Severity.MEDIUM;
        } else if (segment == Segment.VIP && mood < -0.15 && !proxyFired.contains(ProxyAlert.VIP_UNHAPPY)) {
            kind = ProxyAlert.VIP_UNHAPPY;
            severity = Severity.HIGH;
        } else if (topic.sensitive() && customerMessages == 1 && !proxyFired.contains(ProxyAlert.SENSITIVE_TOPIC)) {
            kind = ProxyAlert.SENSITIVE_TOPIC;
            severity = Severity.LOW;
        } else if (lastConfidence < 0.35 && customerMessages >= 2 && !proxyFired.contains(ProxyAlert.LOW_CONFIDENCE)) {
            kind = ProxyAlert.LOW_CONFIDENCE;
        }
        if (kind == null) {
            return null;
        }
        proxyFired.add(kind);
        double risk = Rng.clamp(0.15 + 0.45 * Math.max(0, -mood) + (humanRequested ? 0.25 : 0)
                + 0.15 * (1 - lastConfidence) + (segment == Segment.VIP ? 0.1 : 0), 0, 1);
        String rule = "sim-" + kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        List<AlertReason> reasons = new ArrayList<>();
        reasons.add(AlertReason.newBuilder().setSignal("simulated").setOperator("==").setValue(1).setThreshold(1)
                .setDescription("built-in stand-in alert " + rule).build());
        return TakeoverAlert.newBuilder()
                .setAlertId(id + "-" + rule + "-" + String.format("%03d", seq))
                .setConversationId(id)
                .setRuleId(rule)
                .setRuleVersion(1)
                .setSeverity(severity)
                .setAlertTime(lastTime)
                .setTriggerEventId(id + "-" + String.format("%03d", seq))
                .setRisk(Math.round(risk * 1000) / 1000.0)
                .setReasons(reasons)
                .setCustomerId(customerId)
                .setSegment(segment.label())
                .setTopic(topic.label())
                .setChannel(channel.label())
                .setPreview(List.of())
                .build();
    }

    int takeovers() {
        return takeovers;
    }

    int handBacks() {
        return handBacks;
    }

    int missedTakeovers() {
        return missedTakeovers;
    }

    /** The ground truth; only meaningful once {@link #finished()}. */
    ConversationFacts facts() {
        return new ConversationFacts(id, customerId, segment, customerValue, channel, language, topic, persona, trouble,
                startTime, lastTime, customerMessages, humanRequested, abandoned, abandoned ? null : endedBy,
                firstTakeover, handedBack, alertsReceived);
    }
}
