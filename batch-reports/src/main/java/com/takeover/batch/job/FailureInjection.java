package com.takeover.batch.job;

import java.time.LocalDate;

/**
 * Lets the scheduler-contract tests make a run fail half way through a date: with the system
 * property {@code takeover.batch.failAfterTables=YYYY-MM-DD} the run dies after writing that
 * date's tables and before it is swapped in.
 */
final class FailureInjection {
    static final String PROPERTY = "takeover.batch.failAfterTables";

    private FailureInjection() {}

    static void afterTables(LocalDate d) {
        if (d.toString().equals(System.getProperty(PROPERTY))) {
            throw new IllegalStateException("injected failure after the tables of " + d);
        }
    }
}
