package com.takeover.job;

import com.takeover.scoring.ConversationState;

/**
 * A conversation's keyed state: the scoring core's {@link ConversationState} and the times of its pending
 * event-time timers, in one value so an event costs one state read and one write (four separate value states
 * cost about seven accesses per event). A Flink POJO; a timer time is {@link #NONE} when no timer is pending.
 */
public final class ConversationWithTimers {
    /** No timer pending (event times are positive). */
    public static final long NONE = Long.MIN_VALUE;

    public ConversationState conversation;
    /** The pending check timer. */
    public long checkTimer = NONE;
    /** When the pending check is really due, if later than its timer (the timer then fires early). */
    public long checkDue = NONE;
    /** The pending cleanup timer (end + grace, or the abandon TTL). */
    public long cleanupTimer = NONE;
    /**
     * When the conversation ended, once its summary is written; {@link #NONE} while it is open. From then on
     * {@link #conversation} is null: while the end grace absorbs stragglers, all the job needs to know is that
     * it ended. Its scores, alerts and masked message texts go with the summary instead of waiting in every
     * checkpoint for minutes (an ended conversation is 33 bytes of state, an open one about 800).
     */
    public long endedAt = NONE;

    public ConversationWithTimers() {}

    public ConversationWithTimers(ConversationState conversation) {
        this.conversation = conversation;
    }

    /** Whether the state is closed (cleaned up): nothing of the conversation is kept. */
    boolean isRemoved() {
        return conversation == null && endedAt == NONE;
    }

    /** Whether the conversation has ended and its summary is written (its state waits out the end grace). */
    boolean hasEnded() {
        return endedAt != NONE;
    }

    /** Keeps only that the conversation ended at {@code time}: its summary has been written. */
    public void closeEnded(long time) {
        conversation = null;
        endedAt = time;
    }
}
