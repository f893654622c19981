package com.takeover.scoring;

import java.io.Serializable;

/** Whether a customer message asks for a human. PLACEHOLDER: replaced by the real detector (same API). */
public final class HumanRequestDetector implements Serializable {
    private static final long serialVersionUID = 1L;

    public boolean isHumanRequest(String text) {
        return false;
    }
}
