package com.takeover.rules;

import java.util.Optional;

/** The comparison operators of rule conditions. */
public enum Comparison {
    LT("<"), LE("<="), GT(">"), GE(">="), EQ("=="), NE("!=");

    /** Equality on doubles: thresholds like 1 (true) or 0.5 compare within this tolerance. */
    private static final double EPS = 1e-9;

    private final String symbol;

    Comparison(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    /** NaN (a signal not known yet, e.g. no customer message) never satisfies a condition. */
    public boolean test(double value, double threshold) {
        if (Double.isNaN(value)) {
            return false;
        }
        return switch (this) {
            case LT -> value < threshold;
            case LE -> value <= threshold + EPS;
            case GT -> value > threshold;
            case GE -> value >= threshold - EPS;
            case EQ -> Math.abs(value - threshold) <= EPS;
            case NE -> Math.abs(value - threshold) > EPS;
        };
    }

    public static Optional<Comparison> fromSymbol(String s) {
        if (s != null) {
            String t = s.trim();
            for (Comparison c : values()) {
                if (c.symbol.equals(t)) {
                    return Optional.of(c);
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return symbol;
    }
}
