package com.takeover.simulate;

/** Conversation languages the simulator writes in; most traffic is English. */
public enum Language {
    EN("en", 0.91),
    DE("de", 0.05),
    ES("es", 0.04);

    private final String tag;
    private final double share;

    Language(String tag, double share) {
        this.tag = tag;
        this.share = share;
    }

    /** IETF tag as sent in {@code ConversationStarted.language}. */
    public String tag() {
        return tag;
    }

    public double share() {
        return share;
    }
}
