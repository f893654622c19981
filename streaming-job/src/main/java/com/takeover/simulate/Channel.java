package com.takeover.simulate;

/**
 * Where a conversation happens. The channel sets how long customers take to answer (e-mail is
 * slow, WhatsApp is bursty) and shifts the baseline resolution rate a little.
 */
public enum Channel {
    WEB("web", 0.45, 35_000, 0.0),
    APP("app", 0.30, 30_000, 0.02),
    WHATSAPP("whatsapp", 0.15, 60_000, 0.0),
    EMAIL("email", 0.10, 360_000, -0.05);

    private final String label;
    private final double share;
    private final double customerDelayMedianMs;
    private final double resolveShift;

    Channel(String label, double share, double customerDelayMedianMs, double resolveShift) {
        this.label = label;
        this.share = share;
        this.customerDelayMedianMs = customerDelayMedianMs;
        this.resolveShift = resolveShift;
    }

    public String label() {
        return label;
    }

    public double share() {
        return share;
    }

    /** Median time a customer takes to write the next message. */
    public double customerDelayMedianMs() {
        return customerDelayMedianMs;
    }

    /** Added to P(resolved) for every conversation on this channel (outcome model). */
    public double resolveShift() {
        return resolveShift;
    }

    public static Channel fromLabel(String label) {
        for (Channel c : values()) {
            if (c.label.equalsIgnoreCase(label)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown channel '" + label + "'");
    }
}
