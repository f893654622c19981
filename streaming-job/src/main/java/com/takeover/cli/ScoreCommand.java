package com.takeover.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.takeover.codec.DecodeException;
import com.takeover.codec.JsonCodec;
import com.takeover.rules.AlertFactory;
import com.takeover.rules.RuleEvaluator;
import com.takeover.rules.RuleFiring;
import com.takeover.rules.RuleSet;
import com.takeover.rules.RuleValidationException;
import com.takeover.rules.RulesLoader;
import com.takeover.schema.AlertReason;
import com.takeover.schema.ConversationEnded;
import com.takeover.schema.ConversationEvent;
import com.takeover.schema.CustomerMessage;
import com.takeover.schema.TakeoverAlert;
import com.takeover.scoring.ConversationScorer;
import com.takeover.scoring.ConversationState;
import com.takeover.scoring.MessageScore;
import com.takeover.scoring.ScoringConfig;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code takeover score}: try a rule set on messages or events from stdin, one JSON object out per line. */
@Command(
        name = "score",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Scores lines from stdin and writes one JSON object per line to stdout.",
            "",
            "A plain-text line is one customer message:",
            "  {\"line\":1,\"sentiment\":-0.62,\"humanRequested\":false,",
            "   \"topic\":\"refund\",\"sensitive\":false}",
            "A line starting with '{' is a ConversationEvent in the JSON codec's form:",
            "  {\"eventId\":\"e1\",\"conversationId\":\"c1\",\"eventTime\":1767258000000,",
            "   \"payload\":{\"CustomerMessage\":{\"text\":\"hi\"}}}",
            "It gets the same fields for its conversation (sentiment of this message, null for other kinds;"
                    + " humanRequested, topic and sensitive of the conversation so far) plus conversationId,"
                    + " eventId, kind, risk [0,1] and the alerts the rules fire, at this event or on a timer"
                    + " (stalled or long conversation) since the conversation's previous event, each with rule"
                    + " id, severity, alert time and reasons (signal, operator, value, threshold, description).",
            "At the end of input every conversation still open gets the timers still pending, as a bounded"
                    + " replay of the job would fire them: one line {\"kind\":\"EndOfInput\",\"conversationId\":..,"
                    + "\"risk\":..,\"alerts\":[..]} per conversation with alerts, fired up to its last event plus"
                    + " --abandon-ttl (where the job closes a silent conversation).",
            "Events after a conversation's end are ignored ({\"ignored\":\"conversation ended\"}); a"
                    + " conversation whose start was not seen has an unknown segment. Blank lines are skipped.",
            "",
            "Memory stays bounded: an ended conversation's state is dropped at once; at most"
                    + " --max-conversations open conversations are kept, the least recently active one dropped"
                    + " first (its later events then start afresh with unknown segment).",
            "",
        },
        footer = {
            "",
            "A malformed line is reported on stderr as 'line N: <reason>' and skipped; at the end stderr"
                    + " gets '<N> lines, <M> malformed'.",
            "",
            "Exit codes:",
            "  0  the input was read to its end (even with some malformed lines)",
            "  3  there were lines and every one was malformed",
            "  2  bad arguments",
            "  1  unreadable or invalid rules/config file (each problem on stderr)",
        })
public final class ScoreCommand implements Callable<Integer> {
    static final int ALL_MALFORMED = 3;
    private static final int PROGRESS_EVERY = 250_000;

    enum Format { auto, text, json }

    @Option(names = "--rules", paramLabel = "FILE",
            description = "Alert rules, YAML or JSON (default: the shipped default rules).")
    Path rulesFile;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Scoring configuration YAML overriding the defaults (topics, weights...).")
    Path configFile;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "auto",
            description = "auto (a line starting with '{' is an event, others text), text or json. Default: ${DEFAULT-VALUE}.")
    Format format;

    @Option(names = "--max-conversations", paramLabel = "N", defaultValue = "10000",
            description = "Open conversations kept in memory (least recently active dropped). Default: ${DEFAULT-VALUE}.")
    int maxConversations;

    @Option(names = "--abandon-ttl", paramLabel = "DURATION", defaultValue = "1h",
            converter = DurationConverter.class,
            description = "As the job's abandon-ttl: at the end of input, an open conversation's pending timers fire"
                    + " up to its last event plus this (e.g. 30m, 1h). Default: ${DEFAULT-VALUE}.")
    Duration abandonTtl;

    @Override
    public Integer call() throws IOException {
        if (maxConversations < 1) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--max-conversations must be >= 1, was " + maxConversations);
        }
        PrintStream err = System.err;
        ScoringConfig config = loadConfig();
        RuleSet rules = loadRules(err);
        Scoring scoring = new Scoring(new ConversationScorer(config), rules, maxConversations);

        InputStream in = System.in;
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        Writer out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16);
        JsonGenerator g = new JsonFactory().createGenerator(out);
        g.setRootValueSeparator(null);

        long lines = 0;
        long malformed = 0;
        long scored = 0;
        String line;
        while ((line = reader.readLine()) != null) {
            lines++;
            if (line.isBlank()) {
                continue;
            }
            boolean json = format == Format.json || (format == Format.auto && line.stripLeading().startsWith("{"));
            try {
                if (json) {
                    scoring.event(g, lines, line);
                } else {
                    scoring.text(g, lines, line);
                }
                g.writeRaw('\n');
                scored++;
            } catch (DecodeException e) {
                malformed++;
                g.flush();
                err.println("line " + lines + ": " + e.getMessage());
            }
            if (lines % PROGRESS_EVERY == 0) {
                g.flush();
                err.println("score: " + lines + " lines" + (scoring.open.isEmpty() ? "" : ", " + scoring.open.size() + " open conversations"));
            }
        }
        long pendingAlerts = scoring.endOfInput(g, abandonTtl.toMillis());
        g.flush();
        out.flush();
        StringBuilder summary = new StringBuilder().append(lines).append(" lines, ").append(malformed).append(" malformed");
        if (pendingAlerts > 0) {
            summary.append(", ").append(pendingAlerts).append(" alerts from timers pending at the end of input");
        }
        if (scoring.dropped > 0) {
            summary.append(", ").append(scoring.dropped).append(" open conversations dropped (--max-conversations)");
        }
        err.println(summary);
        return malformed > 0 && scored == 0 ? ALL_MALFORMED : Launcher.OK;
    }

    private ScoringConfig loadConfig() {
        if (configFile == null) {
            return ScoringConfig.defaults();
        }
        try {
            return ScoringConfig.load(configFile);
        } catch (IOException e) {
            throw new Launcher.CommandFailure(Launcher.FAILURE, "config " + describe(e), e);
        }
    }

    private RuleSet loadRules(PrintStream err) {
        if (rulesFile == null) {
            return RulesLoader.defaults();
        }
        try {
            return RulesLoader.load(rulesFile);
        } catch (RuleValidationException e) {
            for (String p : e.problems()) {
                err.println(rulesFile + ": " + p);
            }
            throw new Launcher.CommandFailure(Launcher.FAILURE,
                    rulesFile + ": " + e.problems().size() + " problem(s) in the rules (listed above)", e);
        } catch (IOException e) {
            throw new Launcher.CommandFailure(Launcher.FAILURE, "rules " + describe(e), e);
        }
    }

    private static String describe(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException n) {
            return "file not found: " + n.getFile();
        }
        return e.getMessage();
    }

    /** The scorer, the rules and the open conversations; writes one line's JSON object. */
    static final class Scoring {
        private final ConversationScorer scorer;
        private final RuleEvaluator evaluator;
        private final AlertFactory alerts = new AlertFactory();
        private final RuleSet rules;
        private final JsonCodec<ConversationEvent> codec = JsonCodec.of(ConversationEvent.class);
        final Map<String, Open> open;
        /** Ids of ended conversations (bounded like the open ones) so their late events are recognised. */
        private final Map<String, Boolean> ended;
        long dropped;

        /** An open conversation and its next time-based check (Long.MAX_VALUE: none). */
        static final class Open {
            final ConversationState state = new ConversationState();
            long nextCheck = Long.MAX_VALUE;
        }

        Scoring(ConversationScorer scorer, RuleSet rules, int max) {
            this.scorer = scorer;
            this.evaluator = new RuleEvaluator(scorer);
            this.rules = rules;
            this.open = new LinkedHashMap<>(1024, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Open> e) {
                    if (size() > max) {
                        dropped++;
                        return true;
                    }
                    return false;
                }
            };
            this.ended = new LinkedHashMap<>(1024, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> e) {
                    return size() > max;
                }
            };
        }

        void text(JsonGenerator g, long line, String text) throws IOException {
            MessageScore m = scorer.scoreText(text);
            g.writeStartObject();
            g.writeNumberField("line", line);
            g.writeNumberField("sentiment", round(m.sentiment()));
            g.writeBooleanField("humanRequested", m.humanRequested());
            g.writeStringField("topic", m.topic());
            g.writeBooleanField("sensitive", m.sensitiveTopic());
            g.writeEndObject();
        }

        void event(JsonGenerator g, long line, String json) throws IOException, DecodeException {
            ConversationEvent e = codec.decode(json);
            String id = e.getConversationId();
            String kind = e.getPayload().getClass().getSimpleName();
            g.writeStartObject();
            g.writeNumberField("line", line);
            g.writeStringField("conversationId", id);
            g.writeStringField("eventId", e.getEventId());
            g.writeStringField("kind", kind);
            if (ended.get(id) != null) {
                g.writeStringField("ignored", "conversation ended");
                g.writeEndObject();
                return;
            }
            Open c = open.computeIfAbsent(id, k -> new Open());
            ConversationState s = c.state;
            long t = e.getEventTime();
            List<TakeoverAlert> fired = new ArrayList<>();
            // time-based rules that came due before this event fire first, as the job's timers would
            fireDueChecks(c, t, fired);
            scorer.apply(s, e);
            double risk = scorer.risk(s, t);
            for (RuleFiring f : evaluator.evaluate(s, rules, t)) {
                fired.add(alerts.create(s, f, e.getEventId(), t, risk));
            }
            if (e.getPayload() instanceof CustomerMessage m) {
                g.writeNumberField("sentiment", round(s.sentimentLast));
            } else {
                g.writeNullField("sentiment");
            }
            g.writeBooleanField("humanRequested", s.humanRequested);
            g.writeStringField("topic", s.topic);
            g.writeBooleanField("sensitive", s.sensitive);
            g.writeNumberField("risk", round(risk));
            g.writeArrayFieldStart("alerts");
            for (TakeoverAlert a : fired) {
                writeAlert(g, a);
            }
            g.writeEndArray();
            g.writeEndObject();
            if (s.ended || e.getPayload() instanceof ConversationEnded) {
                open.remove(id);
                ended.put(id, Boolean.TRUE);
            } else {
                OptionalLong next = evaluator.nextTimeBasedCheck(s, rules, t);
                c.nextCheck = next.isPresent() ? next.getAsLong() : Long.MAX_VALUE;
            }
        }

        /** Fires {@code c}'s time-based checks due at or before {@code upTo}, in time order, into {@code fired}. */
        private void fireDueChecks(Open c, long upTo, List<TakeoverAlert> fired) {
            ConversationState s = c.state;
            while (c.nextCheck <= upTo) {
                long at = c.nextCheck;
                for (RuleFiring f : evaluator.evaluate(s, rules, at)) {
                    fired.add(alerts.create(s, f, null, at, scorer.risk(s, at)));
                }
                OptionalLong next = evaluator.nextTimeBasedCheck(s, rules, at);
                c.nextCheck = next.isPresent() && next.getAsLong() > at ? next.getAsLong() : Long.MAX_VALUE;
            }
        }

        /**
         * The end of input: event time runs out as in a bounded replay of the job. Each open conversation's pending
         * checks fire up to its last event plus the abandon TTL (there the job closes it); one line per conversation
         * that alerts. Returns the number of alerts.
         */
        long endOfInput(JsonGenerator g, long abandonTtlMs) throws IOException {
            long count = 0;
            for (Map.Entry<String, Open> entry : open.entrySet()) {
                Open c = entry.getValue();
                ConversationState s = c.state;
                long closeAt = s.lastEventTime + abandonTtlMs;
                List<TakeoverAlert> fired = new ArrayList<>();
                fireDueChecks(c, closeAt, fired);
                if (fired.isEmpty()) {
                    continue;
                }
                count += fired.size();
                g.writeStartObject();
                g.writeStringField("conversationId", entry.getKey());
                g.writeStringField("kind", "EndOfInput");
                g.writeNumberField("risk", round(fired.get(fired.size() - 1).getRisk()));
                g.writeArrayFieldStart("alerts");
                for (TakeoverAlert a : fired) {
                    writeAlert(g, a);
                }
                g.writeEndArray();
                g.writeEndObject();
                g.writeRaw('\n');
            }
            open.clear();
            return count;
        }

        private static void writeAlert(JsonGenerator g, TakeoverAlert a) throws IOException {
            g.writeStartObject();
            g.writeStringField("alertId", a.getAlertId());
            g.writeStringField("ruleId", a.getRuleId());
            g.writeNumberField("ruleVersion", a.getRuleVersion());
            g.writeStringField("severity", a.getSeverity().name());
            g.writeNumberField("alertTime", a.getAlertTime());
            g.writeStringField("trigger", a.getTriggerEventId() == null ? "timer" : "event");
            g.writeNumberField("risk", round(a.getRisk()));
            g.writeArrayFieldStart("reasons");
            for (AlertReason r : a.getReasons()) {
                g.writeStartObject();
                g.writeStringField("signal", r.getSignal());
                g.writeStringField("operator", r.getOperator());
                g.writeNumberField("value", round(r.getValue()));
                g.writeNumberField("threshold", r.getThreshold());
                g.writeStringField("description", r.getDescription());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }

        /** Four decimals are plenty for people and keep lines short. */
        private static double round(double x) {
            return Math.round(x * 10_000.0) / 10_000.0;
        }
    }
}
