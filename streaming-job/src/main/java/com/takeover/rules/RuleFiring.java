package com.takeover.rules;

import com.takeover.schema.AlertReason;
import com.takeover.schema.AlertRule;
import java.util.List;

/** A rule that fired, with the conditions that held (signal, value, threshold, plain-words description). */
public record RuleFiring(AlertRule rule, List<AlertReason> reasons) {
    public RuleFiring {
        reasons = List.copyOf(reasons);
    }
}
