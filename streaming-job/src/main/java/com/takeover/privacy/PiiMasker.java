package com.takeover.privacy;

import java.io.Serializable;

/** Masks PII in text that leaves the scoring core. PLACEHOLDER: replaced by the real masker (same API). */
public final class PiiMasker implements Serializable {
    private static final long serialVersionUID = 1L;

    public String mask(String text) {
        return text;
    }
}
