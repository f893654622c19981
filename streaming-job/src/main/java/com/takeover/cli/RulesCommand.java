package com.takeover.cli;

import com.takeover.kafka.RulesTopic;
import com.takeover.kafka.TopicNames;
import com.takeover.rules.RulePublication;
import com.takeover.rules.RuleSet;
import com.takeover.rules.RuleValidationException;
import com.takeover.rules.RulesLoader;
import com.takeover.schema.AlertRule;
import com.takeover.schema.RuleCondition;
import com.takeover.schema.RuleRejection;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code bin/takeover rules}: the rules owner's commands. Check a rules file, publish it to the running job through
 * the compacted {@code alert-rules} topic (refusing, before anything is sent, a changed rule whose version was not
 * raised), delete a rule, list what the topic holds.
 */
@Command(
        name = "rules",
        mixinStandardHelpOptions = true,
        description = {
            "Alert rules at run time: the live job reads the compacted alert-rules topic (key = rule id, value ="
                    + " the rule as JSON, no value = delete) and overlays it on the rules file it started with; no"
                    + " restart, no state lost.",
            "Try a rule set on events first with 'bin/takeover score --rules FILE'."},
        subcommands = {RulesCommand.Check.class, RulesCommand.Publish.class, RulesCommand.Delete.class,
            RulesCommand.ListRules.class},
        footer = {
            "",
            "Exit codes:",
            "  0  done",
            "  1  an invalid rules file or a changed rule without a higher version (nothing",
            "     sent), a refusal by the job, or Kafka unreachable",
            "  2  bad arguments",
            "",
            "Example:",
            "  bin/takeover rules publish my-rules.yaml --bootstrap-servers localhost:9092"})
public final class RulesCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: check, publish, delete or list");
    }

    /** The cluster and topic options every Kafka subcommand shares. */
    static final class KafkaOptions {
        @Option(names = "--bootstrap-servers", required = true, paramLabel = "HOST:PORT", description = "Kafka bootstrap servers.")
        String bootstrapServers;

        @Option(names = "--rules-topic", defaultValue = TopicNames.ALERT_RULES, paramLabel = "TOPIC",
                description = "The job's rules topic (default: ${DEFAULT-VALUE}).")
        String rulesTopic;

        @Option(names = "--rejections-topic", defaultValue = TopicNames.RULE_REJECTIONS, paramLabel = "TOPIC",
                description = "Where the job reports refused updates (default: ${DEFAULT-VALUE}).")
        String rejectionsTopic;

        @Option(names = {"-X", "--kafka-property"}, paramLabel = "KEY=VALUE",
                description = "Extra Kafka client property, e.g. for TLS/SASL (repeatable).")
        Map<String, String> kafkaProperties = new LinkedHashMap<>();

        RulesTopic open() {
            return new RulesTopic(bootstrapServers, kafkaProperties, rulesTopic, rejectionsTopic);
        }
    }

    static RuleSet load(Path file, PrintWriter err) {
        try {
            return RulesLoader.load(file);
        } catch (RuleValidationException e) {
            e.problems().forEach(p -> err.println(file + ": " + p));
            throw new Launcher.CommandFailure(Launcher.FAILURE,
                    file + ": " + e.problems().size() + " problem(s) in the rules (listed above); nothing published");
        } catch (NoSuchFileException e) {
            throw new Launcher.CommandFailure(Launcher.FAILURE, "rules file not found: " + file);
        } catch (IOException e) {
            throw new Launcher.CommandFailure(Launcher.FAILURE, "cannot read rules file " + file + ": " + e.getMessage());
        }
    }

    /** {@code id v2 HIGH  conditions (all): sentiment_drop >= 0.6, ...}; "disabled" where it is. */
    static String describe(AlertRule r) {
        String conditions = r.getConditions().stream().map(RulesCommand::condition).collect(Collectors.joining(", "));
        return String.format(Locale.ROOT, "%-24s v%-3d %-8s %s%s: %s", r.getId(), r.getVersion(), r.getSeverity(),
                r.getEnabled() ? "" : "(disabled) ", r.getMatch(), conditions);
    }

    private static String condition(RuleCondition c) {
        double t = c.getThreshold();
        String threshold = t == Math.rint(t) ? Long.toString((long) t) : Double.toString(t);
        return c.getSignal() + " " + c.getOperator() + " " + threshold;
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Validates a rules file (YAML or JSON) without Kafka: every problem on stderr, naming the rule and field.")
    static final class Check implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "The rules file.")
        Path file;

        @Override
        public Integer call() {
            RuleSet rules = load(file, spec.commandLine().getErr());
            PrintWriter out = spec.commandLine().getOut();
            rules.rules().forEach(r -> out.println(describe(r)));
            out.println(file + ": " + rules.size() + " valid rule(s)");
            return Launcher.OK;
        }
    }

    @Command(name = "publish", mixinStandardHelpOptions = true,
            description = {
                "Publishes the changed rules of FILE to the rules topic, keyed by id.",
                "Checked first, nothing sent on any problem: the file must be valid, and a rule that differs from the"
                        + " one on the topic must have a higher version (the job refuses a lower one). Rules already"
                        + " published unchanged are not sent again. Then watches the rejections topic for --wait:"
                        + " the job reports refusals only."})
    static final class Publish implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "The rules file (YAML or JSON, the format of the job's rules file).")
        Path file;

        @Mixin
        KafkaOptions kafka;

        @Option(names = "--wait", defaultValue = "10s", converter = DurationConverter.class, paramLabel = "DURATION",
                description = "How long to watch for refusals by the job after publishing (default: ${DEFAULT-VALUE}).")
        Duration wait;

        @Option(names = "--no-wait", description = "Do not watch for refusals (no job is running, or a script checks later).")
        boolean noWait;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            RuleSet rules = load(file, err);
            try (RulesTopic topic = kafka.open()) {
                RulePublication plan = RulePublication.plan(rules, topic.published());
                plan.steps().forEach(s -> out.println(s.describe()));
                if (!plan.blocked().isEmpty()) {
                    throw new Launcher.CommandFailure(Launcher.FAILURE, plan.blocked().size()
                            + " changed rule(s) without a higher version (listed above); nothing published");
                }
                List<RulePublication.Step> send = plan.toSend();
                if (send.isEmpty()) {
                    out.println("nothing to publish: the topic already holds every rule of " + file);
                    return Launcher.OK;
                }
                Map<TopicPartition, Long> since = noWait ? Map.of() : topic.rejectionsEnd();
                Map<String, String> records = new LinkedHashMap<>();
                send.forEach(s -> records.put(s.rule().getId(), s.json()));
                topic.publish(records);
                out.println("published " + send.size() + " rule(s) to " + kafka.rulesTopic);
                out.flush();
                if (noWait) {
                    return Launcher.OK;
                }
                Set<String> ids = records.keySet();
                List<RuleRejection> refused = topic.rejectionsSince(since, wait,
                        r -> r.getRuleId() != null && ids.contains(r.getRuleId()));
                if (refused.isEmpty()) {
                    out.println("no refusal reported within " + wait.toMillis() + " ms"
                            + " (a running job refuses within moments of reading an update)");
                    return Launcher.OK;
                }
                refused.forEach(r -> err.println("refused by the job: " + r.getRuleId() + ": " + r.getReason()));
                throw new Launcher.CommandFailure(Launcher.FAILURE, refused.size()
                        + " update(s) refused by the job (listed above); the previous versions stay in force");
            }
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Removes rules published at run time (a tombstone per id). A rule of the job's rules file"
                    + " then applies again as the file has it.")
    static final class Delete implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(arity = "1..*", paramLabel = "RULE_ID", description = "Ids of the rules to delete.")
        List<String> ids;

        @Mixin
        KafkaOptions kafka;

        @Override
        public Integer call() {
            Map<String, String> tombstones = new LinkedHashMap<>();
            ids.forEach(id -> tombstones.put(id, null));
            try (RulesTopic topic = kafka.open()) {
                topic.publish(tombstones);
            }
            spec.commandLine().getOut().println("deleted " + String.join(", ", ids) + " on " + kafka.rulesTopic);
            return Launcher.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "The rules published at run time: the topic's latest record per id (the job overlays them on its rules file).")
    static final class ListRules implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        KafkaOptions kafka;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            Map<String, String> published;
            try (RulesTopic topic = kafka.open()) {
                published = topic.published();
            }
            if (published.isEmpty()) {
                out.println(kafka.rulesTopic + " is empty: the job runs its rules file as it is");
            }
            published.forEach((id, json) -> {
                if (json == null) {
                    out.println(String.format(Locale.ROOT, "%-24s deleted", id));
                    return;
                }
                try {
                    out.println(describe(RulesLoader.parseRule(json)));
                } catch (RuleValidationException e) {
                    out.println(String.format(Locale.ROOT, "%-24s invalid, refused by the job: %s", id,
                            String.join("; ", e.problems())));
                }
            });
            return Launcher.OK;
        }
    }
}
