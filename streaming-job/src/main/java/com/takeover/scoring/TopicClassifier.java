package com.takeover.scoring;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Phrase rules over customer text. The first rule in configured order with a matching phrase wins, so more
 * specific topics (fraud, billing dispute) are listed before broad ones (complaint, product question).
 */
public final class TopicClassifier implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String[] topics;
    /** Per topic: normalised phrases padded with spaces; a prefix phrase has no trailing space. */
    private final String[][] needles;

    public TopicClassifier(List<TopicRule> rules) {
        topics = new String[rules.size()];
        needles = new String[rules.size()][];
        for (int i = 0; i < rules.size(); i++) {
            TopicRule r = rules.get(i);
            topics[i] = r.topic();
            List<String> ns = new ArrayList<>();
            for (String p : r.phrases()) {
                boolean prefix = p.endsWith("*");
                String core = normalise(prefix ? p.substring(0, p.length() - 1) : p).trim();
                if (!core.isEmpty()) {
                    ns.add(" " + core + (prefix ? "" : " "));
                }
            }
            needles[i] = ns.toArray(String[]::new);
        }
    }

    /** The topic of a customer message, or null when no phrase rule matches. */
    public String classify(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        String norm = " " + normalise(text) + " ";
        for (int i = 0; i < topics.length; i++) {
            for (String n : needles[i]) {
                if (norm.contains(n)) {
                    return topics[i];
                }
            }
        }
        return null;
    }

    /** Lower case, letters/digits/apostrophes kept, every other run of characters one space. */
    static String normalise(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        boolean space = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u2019' || c == '\u2018') {
                c = '\'';
            }
            if (Character.isLetterOrDigit(c) || c == '\'') {
                sb.append(Character.toLowerCase(c));
                space = false;
            } else if (!space) {
                sb.append(' ');
                space = true;
            }
        }
        return sb.toString().toLowerCase(Locale.ROOT);
    }
}
