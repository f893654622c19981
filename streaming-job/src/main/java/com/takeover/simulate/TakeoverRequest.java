package com.takeover.simulate;

import com.takeover.schema.TakeoverMode;
import com.takeover.schema.TakeoverTransition;
import com.takeover.schema.TakeoverTrigger;

/**
 * A decision to take a conversation over: by a supervisor acting on an alert, by an agent on
 * their own judgement, or by the AI escalating. Applied by {@link ConversationSimulator} at
 * {@code notBefore} (simulated time) or as soon after as the conversation's event order allows.
 *
 * @param handBackAfterAgentMessages hand the conversation back to the AI after this many agent
 *                                   messages; 0 = keep it until the end
 */
public record TakeoverRequest(
        String conversationId,
        long notBefore,
        String agentId,
        TakeoverTrigger trigger,
        String alertId,
        TakeoverMode mode,
        TakeoverTransition transition,
        int handBackAfterAgentMessages) {}
