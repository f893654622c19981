package com.takeover.simulate;

import java.util.EnumMap;
import java.util.Map;

/**
 * The planted truth of the outcome data: exactly how a conversation's facts move the ticketing
 * system's outcome. {@code docs/simulator.md} lists the same numbers; tests assert them.
 *
 * <p>P(resolved) is linear so that a takeover's effect is an exact number of percentage points:
 * {@code base(topic) + shift(channel) - TROUBLE_SLOPE * trouble + effect(topic) * takenOver}. The
 * parameters keep it inside [0.05, 0.95] for every topic/channel/trouble, so no clamping bends
 * the planted effect. Because supervisors take over the high-trouble conversations, the naive
 * taken-over vs AI-only difference is biased downwards by {@code TROUBLE_SLOPE} times the gap in
 * mean trouble between the two groups (the confounding).
 */
public final class OutcomeModel {

    /** Per-topic outcome parameters. */
    public record TopicOutcome(double baseResolve, double takeoverEffect, double csatEffect) {}

    private static final Map<Topic, TopicOutcome> TOPICS = new EnumMap<>(Topic.class);

    static {
        TOPICS.put(Topic.ORDER_STATUS, new TopicOutcome(0.80, 0.00, 0.0));
        TOPICS.put(Topic.SHIPPING, new TopicOutcome(0.76, 0.00, 0.1));
        TOPICS.put(Topic.PRODUCT_QUESTION, new TopicOutcome(0.78, -0.08, -0.2));
        TOPICS.put(Topic.BILLING_DISPUTE, new TopicOutcome(0.68, 0.25, 0.8));
        TOPICS.put(Topic.REFUND, new TopicOutcome(0.74, 0.10, 0.3));
        TOPICS.put(Topic.TECHNICAL_ISSUE, new TopicOutcome(0.70, 0.05, 0.2));
        TOPICS.put(Topic.ACCOUNT_ACCESS, new TopicOutcome(0.76, 0.10, 0.2));
        TOPICS.put(Topic.CANCELLATION, new TopicOutcome(0.66, 0.10, 0.3));
        TOPICS.put(Topic.COMPLAINT, new TopicOutcome(0.62, 0.15, 0.5));
        TOPICS.put(Topic.FRAUD_SECURITY, new TopicOutcome(0.70, 0.20, 0.4));
        TOPICS.put(Topic.LEGAL, new TopicOutcome(0.62, 0.15, 0.4));
    }

    /** P(resolved) falls by this much per unit of hidden trouble (trouble is in [0, 1]). */
    public static final double TROUBLE_SLOPE = 0.50;

    // CSAT: latent = CSAT_BASE - CSAT_TROUBLE_SLOPE*trouble - CSAT_UNRESOLVED*(!resolved)
    //                + csatEffect(topic)*takenOver - late-takeover penalty + N(0, CSAT_NOISE_SD),
    // rounded and clamped to 1..5; surveyed with P = SURVEY_RESOLVED or SURVEY_UNRESOLVED.
    public static final double CSAT_BASE = 4.1;
    public static final double CSAT_TROUBLE_SLOPE = 1.8;
    public static final double CSAT_UNRESOLVED = 0.9;
    public static final double CSAT_NOISE_SD = 0.6;
    /** A takeover after more than LATE_FREE_TURNS customer messages loses this much CSAT per extra message... */
    public static final double CSAT_LATE_PER_MESSAGE = 0.1;
    public static final int LATE_FREE_TURNS = 3;
    /** ...up to this much. */
    public static final double CSAT_LATE_CAP = 0.6;
    public static final double SURVEY_RESOLVED = 0.45;
    public static final double SURVEY_UNRESOLVED = 0.30;

    // Reopened within REOPEN_WINDOW_DAYS: only resolved issues can reopen.
    public static final int REOPEN_WINDOW_DAYS = 7;
    public static final double REOPEN_BASE = 0.05;
    public static final double REOPEN_TROUBLE = 0.15;
    public static final double REOPEN_TAKEOVER = -0.03;

    // Ticket escalated (second level, manager, legal).
    public static final double ESCALATE_BASE = 0.02;
    public static final double ESCALATE_TROUBLE = 0.12;
    public static final double ESCALATE_SENSITIVE = 0.08;
    public static final double ESCALATE_TAKEOVER = 0.05;

    // Time to resolution: resolved in the chat itself, or later after a log-normal back-office delay.
    public static final double IN_CHAT_RESOLVE = 0.55;
    public static final double IN_CHAT_RESOLVE_TAKEOVER = 0.20;
    public static final double BACK_OFFICE_MEDIAN_HOURS = 18;
    public static final double BACK_OFFICE_SIGMA = 0.8;

    // When outcomes become known (knownAt - conversation end).
    /** Share known the same day-ish: 10 minutes to 8 hours after the end. */
    public static final double ON_TIME_SHARE = 0.72;
    /** The others arrive 1 to LATE_MAX_DAYS days late. */
    public static final int LATE_MAX_DAYS = 5;
    /** Share published first as a preliminary record, then restated 1..6 days later (the latest wins). */
    public static final double RESTATED_SHARE = 0.05;
    /** Share of conversations without a ticket id. */
    public static final double NO_TICKET_SHARE = 0.03;

    private OutcomeModel() {}

    public static TopicOutcome topic(Topic topic) {
        return TOPICS.get(topic);
    }

    /** The planted effect of a takeover on P(resolved) for a topic, in probability points. */
    public static double takeoverEffect(Topic topic) {
        return TOPICS.get(topic).takeoverEffect();
    }

    /** The planted direct effect of a takeover on the CSAT latent score for a topic. */
    public static double csatEffect(Topic topic) {
        return TOPICS.get(topic).csatEffect();
    }

    /** The true P(resolved) for a conversation with these facts, with or without a takeover. */
    public static double resolveProbability(Topic topic, Channel channel, double trouble, boolean takenOver) {
        TopicOutcome t = TOPICS.get(topic);
        return t.baseResolve() + channel.resolveShift() - TROUBLE_SLOPE * trouble + (takenOver ? t.takeoverEffect() : 0.0);
    }

    public static double resolveProbability(ConversationFacts f) {
        return resolveProbability(f.topic(), f.channel(), f.trouble(), f.takenOver());
    }

    /** CSAT penalty for a takeover that came late (after more than LATE_FREE_TURNS customer messages). */
    public static double lateTakeoverPenalty(int customerMessagesBefore) {
        return Math.min(CSAT_LATE_CAP, CSAT_LATE_PER_MESSAGE * Math.max(0, customerMessagesBefore - LATE_FREE_TURNS));
    }
}
