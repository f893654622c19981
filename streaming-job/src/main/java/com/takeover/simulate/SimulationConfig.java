package com.takeover.simulate;

import java.time.Instant;
import java.util.Objects;

/**
 * What to simulate. The same config (seed included) always yields the same event sequence,
 * event ids included.
 *
 * @param seed                 the one seed everything is derived from
 * @param start                simulated time of the first possible conversation start (UTC)
 * @param conversationsPerHour mean arrival rate of new conversations, in simulated time, over a day
 * @param maxConversations     stop opening conversations after this many; 0 = no limit
 * @param abandonShare         share of conversations that just stop (no ConversationEnded)
 * @param diurnal              arrivals follow a day curve (quiet nights, busy late mornings) in UTC
 * @param builtInAlerts        supervisors act on the simulator's own stand-in alerts (for runs
 *                             without the Flink job); off when alerts come from takeover-alerts
 */
public record SimulationConfig(
        long seed,
        Instant start,
        double conversationsPerHour,
        long maxConversations,
        double abandonShare,
        boolean diurnal,
        boolean builtInAlerts) {

    public static final Instant DEFAULT_START = Instant.parse("2026-11-20T08:00:00Z");
    public static final double DEFAULT_CONVERSATIONS_PER_HOUR = 360;
    public static final double DEFAULT_ABANDON_SHARE = 0.01;

    public SimulationConfig {
        Objects.requireNonNull(start, "start");
        if (!(conversationsPerHour > 0)) {
            throw new IllegalArgumentException("conversationsPerHour must be > 0, got " + conversationsPerHour);
        }
        if (maxConversations < 0) {
            throw new IllegalArgumentException("maxConversations must be >= 0, got " + maxConversations);
        }
        if (abandonShare < 0 || abandonShare > 1) {
            throw new IllegalArgumentException("abandonShare must be in [0, 1], got " + abandonShare);
        }
    }

    /** Defaults: start 2026-11-20T08:00Z, 360 conversations/hour, no limit, 1% abandoned, day curve, no built-in alerts. */
    public static SimulationConfig defaults(long seed) {
        return new SimulationConfig(seed, DEFAULT_START, DEFAULT_CONVERSATIONS_PER_HOUR, 0, DEFAULT_ABANDON_SHARE, true, false);
    }

    public SimulationConfig withStart(Instant s) {
        return new SimulationConfig(seed, s, conversationsPerHour, maxConversations, abandonShare, diurnal, builtInAlerts);
    }

    public SimulationConfig withConversationsPerHour(double r) {
        return new SimulationConfig(seed, start, r, maxConversations, abandonShare, diurnal, builtInAlerts);
    }

    public SimulationConfig withMaxConversations(long n) {
        return new SimulationConfig(seed, start, conversationsPerHour, n, abandonShare, diurnal, builtInAlerts);
    }

    public SimulationConfig withAbandonShare(double a) {
        return new SimulationConfig(seed, start, conversationsPerHour, maxConversations, a, diurnal, builtInAlerts);
    }

    public SimulationConfig withDiurnal(boolean d) {
        return new SimulationConfig(seed, start, conversationsPerHour, maxConversations, abandonShare, d, builtInAlerts);
    }

    public SimulationConfig withBuiltInAlerts(boolean b) {
        return new SimulationConfig(seed, start, conversationsPerHour, maxConversations, abandonShare, diurnal, b);
    }
}
