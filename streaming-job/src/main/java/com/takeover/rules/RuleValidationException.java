package com.takeover.rules;

import java.util.List;

/**
 * Alert rules that cannot be used. Every problem reads {@code rule <id>: field <field>: <what is wrong>}
 * ({@code rule #3} when the third rule of a file has no id); the message lists all of them, separated by "; ",
 * after the file name when a file was loaded.
 */
public final class RuleValidationException extends Exception {
    private static final long serialVersionUID = 1L;
    private final List<String> problems;

    public RuleValidationException(List<String> problems) {
        this(null, problems);
    }

    public RuleValidationException(String source, List<String> problems) {
        super((source == null ? "" : source + ": ") + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
