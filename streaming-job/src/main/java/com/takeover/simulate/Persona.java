package com.takeover.simulate;

/** How a customer's mood moves through a conversation (the arc the text follows). */
public enum Persona {
    /** Stays polite and positive. */
    CALM,
    /** Starts fine and slides steadily downwards: the case the trajectory signal exists for. */
    GRADUAL_FRUSTRATION,
    /** Fine until one answer, then angry at once. */
    SUDDEN_ANGER,
    /** Gets impatient and explicitly asks for a human, repeatedly. */
    HUMAN_REQUEST,
    /** Neither angry nor happy: does not understand, asks back; the AI gets lost. */
    CONFUSED
}
