package com.takeover.simulate;

import com.takeover.schema.ConversationEvent;
import com.takeover.schema.TakeoverAlert;
import com.takeover.schema.TakeoverTrigger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Realistic support conversations as one stream of events in event-time order, conversations
 * overlapping in time. Plain Java, single-threaded, fully reproducible: the same
 * {@link SimulationConfig} yields the same events, ids included (as long as no takeovers are
 * offered from outside - those depend on when the job's alerts arrive).
 *
 * <p>Pull events with {@link #hasNext()}/{@link #next()}; offer takeovers decided elsewhere with
 * {@link #offer(TakeoverRequest)} (same thread); collect the ground truth of finished
 * conversations with {@link #drainFinished()}.
 */
public final class ConversationSimulator {
    private static final long SALT_ARRIVALS = 0x6172726976616C73L;
    /** Relative arrival rate per UTC hour (mean 1 after normalisation): quiet nights, busy late mornings. */
    private static final double[] DAY_CURVE = {
        0.25, 0.2, 0.15, 0.15, 0.2, 0.3, 0.5, 0.8, 1.2, 1.5, 1.6, 1.6,
        1.5, 1.5, 1.6, 1.6, 1.5, 1.4, 1.3, 1.2, 1.0, 0.8, 0.6, 0.4};
    private static final double DAY_CURVE_MEAN;
    private static final double DAY_CURVE_MAX;

    static {
        double sum = 0;
        double max = 0;
        for (double v : DAY_CURVE) {
            sum += v;
            max = Math.max(max, v);
        }
        DAY_CURVE_MEAN = sum / DAY_CURVE.length;
        DAY_CURVE_MAX = max;
    }

    private final SimulationConfig config;
    private final String idPrefix;
    private final Rng arrivals;
    private final SupervisorSimulator builtInSupervisors;
    private final TreeSet<ConversationSession> active = new TreeSet<>(
            Comparator.comparingLong(ConversationSession::nextTime).thenComparingInt(s -> s.index));
    private final Map<String, ConversationSession> byId = new HashMap<>();
    private final List<ConversationFacts> finished = new ArrayList<>();
    private long nextArrival;
    private boolean arrivalsOpen = true;
    private int opened;
    private long frontier;
    private final Counters counters = new Counters();

    /** Running totals of the simulation. */
    public static final class Counters {
        long started;
        long finished;
        long events;
        long takeovers;
        long takeoversFromAlerts;
        long handBacks;
        long offersRefused;
        long missedTakeovers;
        long builtInAlerts;

        public long started() { return started; }
        public long finished() { return finished; }
        public long events() { return events; }
        public long takeovers() { return takeovers; }
        public long takeoversFromAlerts() { return takeoversFromAlerts; }
        public long handBacks() { return handBacks; }
        public long offersRefused() { return offersRefused; }
        public long missedTakeovers() { return missedTakeovers; }
        public long builtInAlerts() { return builtInAlerts; }
    }

    public ConversationSimulator(SimulationConfig config) {
        this.config = config;
        this.idPrefix = String.format("c%08x-", (int) (Rng.mix(config.seed()) >>> 32));
        this.arrivals = Rng.derive(config.seed(), SALT_ARRIVALS, 0);
        this.builtInSupervisors = config.builtInAlerts() ? new SupervisorSimulator(config.seed()) : null;
        this.frontier = config.start().toEpochMilli();
        this.nextArrival = config.start().toEpochMilli() + gapAfter(config.start().toEpochMilli());
    }

    /** All events of a bounded simulation (maxConversations must be set). */
    public static List<ConversationEvent> generate(SimulationConfig config) {
        if (config.maxConversations() <= 0) {
            throw new IllegalArgumentException("generate needs maxConversations > 0");
        }
        ConversationSimulator sim = new ConversationSimulator(config);
        List<ConversationEvent> out = new ArrayList<>();
        while (sim.hasNext()) {
            out.add(sim.next());
        }
        return out;
    }

    public SimulationConfig config() {
        return config;
    }

    public boolean hasNext() {
        return arrivalsOpen || !active.isEmpty();
    }

    /** Event time of the next event, without emitting it; Long.MAX_VALUE when nothing is left. */
    public long peekTime() {
        long sessionTime = active.isEmpty() ? Long.MAX_VALUE : active.first().nextTime();
        return Math.min(arrivalsOpen ? nextArrival : Long.MAX_VALUE, sessionTime);
    }

    /** The simulated time of the last event emitted (nothing can happen before it any more). */
    public long frontier() {
        return frontier;
    }

    public ConversationEvent next() {
        while (true) {
            long sessionTime = active.isEmpty() ? Long.MAX_VALUE : active.first().nextTime();
            if (arrivalsOpen && nextArrival <= sessionTime) {
                open();
                continue;
            }
            if (active.isEmpty()) {
                throw new NoSuchElementException("the simulation has no more events");
            }
            ConversationSession s = active.pollFirst();
            int takeoversBefore = s.takeovers();
            int handBacksBefore = s.handBacks();
            int missedBefore = s.missedTakeovers();
            ConversationEvent e = s.emit();
            frontier = e.getEventTime();
            counters.events++;
            if (s.takeovers() > takeoversBefore) {
                counters.takeovers++;
                if (e.getPayload() instanceof com.takeover.schema.Takeover t && t.getTrigger() == TakeoverTrigger.ALERT) {
                    counters.takeoversFromAlerts++;
                }
            }
            counters.handBacks += s.handBacks() - handBacksBefore;
            counters.missedTakeovers += s.missedTakeovers() - missedBefore;
            if (s.finished()) {
                byId.remove(s.id);
                finished.add(s.facts());
                counters.finished++;
            } else {
                if (builtInSupervisors != null) {
                    TakeoverAlert alert = s.proxyAlert();
                    if (alert != null) {
                        counters.builtInAlerts++;
                        s.alertReceived();
                        builtInSupervisors.decide(alert).ifPresent(r -> {
                            if (!s.offer(r, frontier)) {
                                counters.offersRefused++;
                            }
                        });
                    }
                }
                active.add(s);
            }
            return e;
        }
    }

    /**
     * Offers a takeover decided outside (a supervisor acting on an alert from the job). False when
     * the conversation is unknown, already over, already with a human or about to be.
     */
    public boolean offer(TakeoverRequest request) {
        ConversationSession s = byId.get(request.conversationId());
        if (s == null) {
            counters.offersRefused++;
            return false;
        }
        active.remove(s);
        boolean accepted = s.offer(request, frontier);
        active.add(s);
        if (!accepted) {
            counters.offersRefused++;
        }
        return accepted;
    }

    /** Notes that supervisors saw an alert for a conversation (kept in its facts); false if unknown. */
    public boolean alertSeen(String conversationId) {
        ConversationSession s = byId.get(conversationId);
        if (s != null) {
            s.alertReceived();
        }
        return s != null;
    }

    /** Opens no more conversations; the open ones run to their end. */
    public void stopArrivals() {
        arrivalsOpen = false;
    }

    /** Conversations currently open. */
    public int activeConversations() {
        return active.size();
    }

    /** Ground truth of the conversations that finished since the last call. */
    public List<ConversationFacts> drainFinished() {
        List<ConversationFacts> out = new ArrayList<>(finished);
        finished.clear();
        return out;
    }

    public Counters counters() {
        return counters;
    }

    /** Ground truth for a conversation that is still open, if any (tests, diagnostics). */
    Optional<ConversationSession> session(String conversationId) {
        return Optional.ofNullable(byId.get(conversationId));
    }

    private void open() {
        String id = idPrefix + String.format("%06d", opened);
        ConversationSession s = new ConversationSession(config.seed(), id, opened, nextArrival, config.abandonShare());
        opened++;
        counters.started++;
        byId.put(id, s);
        active.add(s);
        if (config.maxConversations() > 0 && opened >= config.maxConversations()) {
            arrivalsOpen = false;
        } else {
            nextArrival += gapAfter(nextArrival);
        }
    }

    /** Time to the next arrival of a Poisson process whose rate follows the day curve (thinning). */
    private long gapAfter(long from) {
        double perMs = config.conversationsPerHour() / 3_600_000.0;
        if (!config.diurnal()) {
            return Math.max(1, Math.round(arrivals.exponential(1 / perMs)));
        }
        double maxRate = perMs * DAY_CURVE_MAX / DAY_CURVE_MEAN;
        double t = from;
        while (true) {
            t += arrivals.exponential(1 / maxRate);
            int hour = (int) Math.floorMod((long) t / 3_600_000L, 24L);
            if (arrivals.uniform() < DAY_CURVE[hour] / DAY_CURVE_MAX) {
                return Math.max(1, Math.round(t - from));
            }
        }
    }
}
