package com.takeover.simulate;

import com.takeover.schema.ResolutionOutcome;
import java.util.ArrayList;
import java.util.List;

/**
 * The ticketing system's view of a finished conversation: a pure function of (facts, seed). The
 * last record of {@link #outcomes} (highest knownAt) is the final outcome drawn from
 * {@link OutcomeModel}; a restated conversation gets an earlier preliminary record first.
 */
public final class OutcomeGenerator {
    private static final long SALT = 0x6F7574636F6D6573L; // "outcomes"
    private static final long HOUR = 3_600_000L;
    private static final long DAY = 24 * HOUR;

    private final long seed;

    public OutcomeGenerator(long seed) {
        this.seed = seed;
    }

    /** The records the ticketing system publishes for this conversation, oldest knownAt first (one or two). */
    public List<ResolutionOutcome> outcomes(ConversationFacts f) {
        Rng rng = Rng.derive(seed, SALT, f.conversationId());
        // Draw order is fixed: changing it changes every outcome of a seed.
        boolean resolved = rng.uniform() < OutcomeModel.resolveProbability(f);
        double surveyU = rng.uniform();
        double csatNoise = rng.gaussian();
        double reopenU = rng.uniform();
        double escalateU = rng.uniform();
        double inChatU = rng.uniform();
        double backOffice = rng.lognormal(OutcomeModel.BACK_OFFICE_MEDIAN_HOURS * HOUR * (1 + f.trouble()), OutcomeModel.BACK_OFFICE_SIGMA);
        boolean onTime = rng.uniform() < OutcomeModel.ON_TIME_SHARE;
        long lag = onTime
                ? (long) rng.uniform(10 * 60_000L, 8 * HOUR)
                : rng.between(1, OutcomeModel.LATE_MAX_DAYS) * DAY + (long) rng.uniform(0, 12 * HOUR);
        boolean restated = rng.uniform() < OutcomeModel.RESTATED_SHARE;
        long restatedAfter = rng.between(1, 6) * DAY + (long) rng.uniform(0, 6 * HOUR);
        boolean flipPreliminary = rng.chance(0.5);
        boolean noTicket = rng.uniform() < OutcomeModel.NO_TICKET_SHARE;

        boolean to = f.takenOver();
        OutcomeModel.TopicOutcome topic = OutcomeModel.topic(f.topic());

        Integer csat = null;
        if (surveyU < (resolved ? OutcomeModel.SURVEY_RESOLVED : OutcomeModel.SURVEY_UNRESOLVED)) {
            double latent = OutcomeModel.CSAT_BASE
                    - OutcomeModel.CSAT_TROUBLE_SLOPE * f.trouble()
                    - (resolved ? 0 : OutcomeModel.CSAT_UNRESOLVED)
                    + (to ? topic.csatEffect() - OutcomeModel.lateTakeoverPenalty(f.takeover().customerMessagesBefore()) : 0)
                    + OutcomeModel.CSAT_NOISE_SD * csatNoise;
            csat = (int) Math.max(1, Math.min(5, Math.round(latent)));
        }
        boolean reopened = resolved
                && reopenU < OutcomeModel.REOPEN_BASE + OutcomeModel.REOPEN_TROUBLE * f.trouble() + (to ? OutcomeModel.REOPEN_TAKEOVER : 0);
        boolean escalated = escalateU < OutcomeModel.ESCALATE_BASE + OutcomeModel.ESCALATE_TROUBLE * f.trouble()
                + (f.topic().sensitive() ? OutcomeModel.ESCALATE_SENSITIVE : 0) + (to ? OutcomeModel.ESCALATE_TAKEOVER : 0);
        Long ttr = null;
        long chatDuration = f.endTime() - f.startTime();
        if (resolved) {
            boolean inChat = inChatU < OutcomeModel.IN_CHAT_RESOLVE + (to ? OutcomeModel.IN_CHAT_RESOLVE_TAKEOVER : 0);
            ttr = inChat ? chatDuration : chatDuration + (long) backOffice;
        }
        String ticketId = noTicket ? null : String.format("T-%010d", Math.floorMod(Rng.hash64(f.conversationId()), 10_000_000_000L));
        long knownAt = f.endTime() + lag;
        if (resolved && ttr != null) {
            // an outcome cannot be known before the issue was resolved
            knownAt = Math.max(knownAt, f.startTime() + ttr + 10 * 60_000L);
        }

        ResolutionOutcome fin = ResolutionOutcome.newBuilder()
                .setConversationId(f.conversationId())
                .setTicketId(ticketId)
                .setResolved(resolved)
                .setCsat(csat)
                .setReopened(reopened)
                .setReopenWindowDays(OutcomeModel.REOPEN_WINDOW_DAYS)
                .setTimeToResolutionMs(ttr)
                .setEscalated(escalated)
                .setKnownAt(restated ? knownAt + restatedAfter : knownAt)
                .build();
        List<ResolutionOutcome> out = new ArrayList<>(2);
        if (restated) {
            // the preliminary record: no survey yet, resolution status sometimes wrong, never reopened
            boolean prelimResolved = flipPreliminary != resolved;
            out.add(ResolutionOutcome.newBuilder(fin)
                    .setResolved(prelimResolved)
                    .setCsat(null)
                    .setReopened(false)
                    .setTimeToResolutionMs(prelimResolved ? (Long) chatDuration : null)
                    .setKnownAt(knownAt)
                    .build());
        }
        out.add(fin);
        return out;
    }

    /** The final (latest-known) outcome: what the reports should find after de-duplication. */
    public ResolutionOutcome finalOutcome(ConversationFacts f) {
        List<ResolutionOutcome> all = outcomes(f);
        return all.get(all.size() - 1);
    }
}
