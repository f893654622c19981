package com.takeover.batch.stats;

/** What a manager should read from an effect estimate. */
public enum Verdict {
    HELPS("helps"),
    NO_CLEAR_EFFECT("no clear effect"),
    HURTS("hurts"),
    TOO_LITTLE_DATA("too little data");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /**
     * Helps / hurts when the whole 95% interval lies above / below zero; too little data when
     * either compared arm has fewer than {@code minPerArm} conversations.
     */
    public static Verdict of(EffectEstimate e, int minPerArm) {
        if (e.takenOverCompared() < minPerArm || e.aiOnlyCompared() < minPerArm || !e.ci().isDefined()) {
            return TOO_LITTLE_DATA;
        }
        if (e.ci().low() > 0) {
            return HELPS;
        }
        if (e.ci().high() < 0) {
            return HURTS;
        }
        return NO_CLEAR_EFFECT;
    }
}
