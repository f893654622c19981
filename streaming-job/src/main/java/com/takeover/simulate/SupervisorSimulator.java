package com.takeover.simulate;

import com.takeover.schema.Severity;
import com.takeover.schema.TakeoverAlert;
import com.takeover.schema.TakeoverMode;
import com.takeover.schema.TakeoverTransition;
import com.takeover.schema.TakeoverTrigger;
import java.util.Optional;

/**
 * Simulated supervisors: decide, for each alert they see, whether someone takes the conversation
 * over, who, how (full or co-pilot, announced or silent), after how long, and whether they hand
 * it back later. A decision is a pure function of (seed, alert): a duplicate alert (same id, as an
 * at-least-once sink may deliver) gets the same decision. {@link AlertListener} feeds it from the
 * {@code takeover-alerts} topic.
 */
public final class SupervisorSimulator {
    private static final long SALT = 0x7375706572766973L; // "supervis"

    /** Size of the simulated agent pool ({@code agent-01} .. {@code agent-12}). */
    public static final int AGENTS = 12;
    private static final String[] NAMES = {
        "Sam", "Priya", "Jonas", "Maria", "Tom", "Aisha", "Lena", "Carlos", "Mei", "David", "Nora", "Felix"};

    private final long seed;

    public SupervisorSimulator(long seed) {
        this.seed = seed;
    }

    static String agentId(int i) {
        return String.format("agent-%02d", i + 1);
    }

    static String agentName(String agentId) {
        try {
            return NAMES[(Integer.parseInt(agentId.substring(agentId.length() - 2)) - 1) % NAMES.length];
        } catch (RuntimeException e) {
            return "Alex";
        }
    }

    /**
     * P(a supervisor takes over after this alert): by severity (LOW 0.10, MEDIUM 0.30, HIGH 0.55,
     * CRITICAL 0.75), plus 0.25 x risk, plus 0.10 for vip and 0.05 for enterprise customers, at most 0.95.
     */
    public static double takeoverProbability(Severity severity, double risk, String segment) {
        double base = switch (severity) {
            case LOW -> 0.10;
            case MEDIUM -> 0.30;
            case HIGH -> 0.55;
            case CRITICAL -> 0.75;
        };
        double seg = "vip".equalsIgnoreCase(segment) ? 0.10 : "enterprise".equalsIgnoreCase(segment) ? 0.05 : 0.0;
        return Math.min(0.95, base + 0.25 * Rng.clamp(risk, 0, 1) + seg);
    }

    /** Median reaction time (alert to takeover, simulated time) by severity; log-normal, sigma 0.5. */
    public static long medianDelayMs(Severity severity) {
        return switch (severity) {
            case CRITICAL -> 20_000;
            case HIGH -> 30_000;
            case MEDIUM -> 50_000;
            case LOW -> 90_000;
        };
    }

    /** What the supervisors do about this alert; empty when nobody picks it up. */
    public Optional<TakeoverRequest> decide(TakeoverAlert alert) {
        Rng rng = Rng.derive(seed, SALT, alert.getAlertId());
        if (!rng.chance(takeoverProbability(alert.getSeverity(), alert.getRisk(), alert.getSegment()))) {
            return Optional.empty();
        }
        long delay = (long) rng.lognormal(medianDelayMs(alert.getSeverity()), 0.5);
        TakeoverMode mode = rng.chance(0.2) ? TakeoverMode.CO_PILOT : TakeoverMode.FULL;
        TakeoverTransition transition = rng.chance(0.15) ? TakeoverTransition.SILENT : TakeoverTransition.ANNOUNCED;
        int handBack = rng.chance(0.12) ? rng.between(2, 3) : 0;
        return Optional.of(new TakeoverRequest(alert.getConversationId(), alert.getAlertTime() + delay,
                agentId(rng.nextInt(AGENTS)), TakeoverTrigger.ALERT, alert.getAlertId(), mode, transition, handBack));
    }
}
