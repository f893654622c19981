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

    public ConversationWithTimers() {}

    public ConversationWithTimers(ConversationState conversation) {
        this.conversation = conversation;
    }

    /** Whether the state is closed (cleaned up): nothing of the conversation is kept. */
    boolean isRemoved() {
        return conversation == null;
    }
}
