package com.takeover.simulate;

/**
 * Customer segments as the CRM sends them in {@code ConversationStarted.segment}. Shares and
 * customer values (annual revenue, log-normal around the median) follow a typical B2B2C book:
 * few VIPs worth a lot, a long tail of standard customers.
 */
public enum Segment {
    VIP("vip", 0.05, 250_000, 0.8, 400, 0.2),
    ENTERPRISE("enterprise", 0.20, 60_000, 0.9, 4_000, 0.0),
    STANDARD("standard", 0.75, 600, 1.0, 250_000, 0.0);

    private final String label;
    private final double share;
    private final double valueMedian;
    private final double valueSigma;
    private final int customers;
    private final double troubleShift;

    Segment(String label, double share, double valueMedian, double valueSigma, int customers, double troubleShift) {
        this.label = label;
        this.share = share;
        this.valueMedian = valueMedian;
        this.valueSigma = valueSigma;
        this.customers = customers;
        this.troubleShift = troubleShift;
    }

    /** The value carried on the wire, e.g. {@code vip}. */
    public String label() {
        return label;
    }

    /** Share of conversations opened by this segment. */
    public double share() {
        return share;
    }

    /** Median customer value (annual revenue); values are log-normal with {@link #valueSigma()}. */
    public double valueMedian() {
        return valueMedian;
    }

    public double valueSigma() {
        return valueSigma;
    }

    /** Size of the customer pool: the same customers come back in several conversations. */
    public int customers() {
        return customers;
    }

    /** Added to the trouble logit: VIPs expect more, so the same issue goes wrong more easily. */
    public double troubleShift() {
        return troubleShift;
    }

    public static Segment fromLabel(String label) {
        for (Segment s : values()) {
            if (s.label.equalsIgnoreCase(label)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown segment '" + label + "'");
    }
}
