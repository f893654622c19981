package com.takeover.simulate;

/**
 * What a conversation is about, with the simulation parameters that make topics differ:
 * how often they occur, whether they are sensitive, how good the AI is at them (its confidence
 * when things go well) and how easily they go wrong (the mean of the hidden trouble level, as a
 * logit). The outcome parameters (planted takeover effects) live in {@link OutcomeModel}.
 */
public enum Topic {
    ORDER_STATUS("order_status", 0.17, false, 0.88, -1.6),
    SHIPPING("shipping", 0.12, false, 0.82, -1.3),
    PRODUCT_QUESTION("product_question", 0.13, false, 0.80, -1.5),
    BILLING_DISPUTE("billing_dispute", 0.10, false, 0.55, -0.5),
    REFUND("refund", 0.10, false, 0.70, -0.9),
    TECHNICAL_ISSUE("technical_issue", 0.12, false, 0.60, -0.8),
    ACCOUNT_ACCESS("account_access", 0.08, false, 0.72, -1.0),
    CANCELLATION("cancellation", 0.07, true, 0.62, -0.6),
    COMPLAINT("complaint", 0.06, true, 0.45, -0.1),
    FRAUD_SECURITY("fraud_security", 0.03, true, 0.50, -0.4),
    LEGAL("legal", 0.02, true, 0.35, -0.3);

    private final String label;
    private final double share;
    private final boolean sensitive;
    private final double aiSkill;
    private final double troubleLogit;

    Topic(String label, double share, boolean sensitive, double aiSkill, double troubleLogit) {
        this.label = label;
        this.share = share;
        this.sensitive = sensitive;
        this.aiSkill = aiSkill;
        this.troubleLogit = troubleLogit;
    }

    /** The intent label the AI platform uses, e.g. {@code billing_dispute}. */
    public String label() {
        return label;
    }

    public double share() {
        return share;
    }

    public boolean sensitive() {
        return sensitive;
    }

    /** The AI's confidence on this topic when the conversation is not in trouble. */
    public double aiSkill() {
        return aiSkill;
    }

    /** Mean of the hidden trouble level on the logit scale (trouble = sigmoid(mean + shifts + N(0,1))). */
    public double troubleLogit() {
        return troubleLogit;
    }

    public static Topic fromLabel(String label) {
        for (Topic t : values()) {
            if (t.label.equalsIgnoreCase(label)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown topic '" + label + "'");
    }
}
