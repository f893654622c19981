package com.takeover.simulate;

import com.takeover.schema.EndedBy;
import com.takeover.schema.TakeoverMode;
import com.takeover.schema.TakeoverTransition;
import com.takeover.schema.TakeoverTrigger;

/**
 * The ground truth of one finished simulated conversation: what was visible on the wire plus
 * the hidden {@code trouble} level (0 = easy, 1 = going very badly) that drove both the text and
 * the outcome. The outcome generator is a pure function of these facts and the seed.
 *
 * @param endTime        time of the ConversationEnded event, or of the last event when abandoned
 * @param endedBy        null when abandoned (no end event was sent)
 * @param takeover       the first takeover, null for AI-only conversations
 * @param alertsReceived alerts (from the job, or the built-in stand-in) the supervisors saw for it
 */
public record ConversationFacts(
        String conversationId,
        String customerId,
        Segment segment,
        double customerValue,
        Channel channel,
        Language language,
        Topic topic,
        Persona persona,
        double trouble,
        long startTime,
        long endTime,
        int customerMessages,
        boolean humanRequested,
        boolean abandoned,
        EndedBy endedBy,
        TakeoverFact takeover,
        boolean handedBack,
        int alertsReceived) {

    /** The first takeover of a conversation. */
    public record TakeoverFact(
            long time,
            String agentId,
            TakeoverTrigger trigger,
            String alertId,
            TakeoverMode mode,
            TakeoverTransition transition,
            int customerMessagesBefore) {}

    public boolean takenOver() {
        return takeover != null;
    }
}
