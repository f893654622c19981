package com.takeover.cli;

import com.takeover.codec.WireFormat;
import com.takeover.simulate.EventSink;
import com.takeover.simulate.SimulationConfig;
import com.takeover.simulate.SimulatorRunner;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bin/takeover simulate}: realistic simulated conversations into Kafka (or JSON lines), outcomes into the lake. */
@Command(
        name = "simulate",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Produces realistic simulated support conversations (customers, AI, agents, takeovers) into Kafka, "
                    + "seeded and reproducible, with simulated supervisors acting on the job's alerts; writes the "
                    + "ticketing outcomes (with planted effects, see docs/simulator.md) into the lake's outcomes/.",
            "Without --rate or --day-in, events go out as fast as the broker takes them."},
        footer = {
            "",
            "Examples:",
            "  bin/takeover simulate --bootstrap-servers localhost:9092 --day-in 10 --duration 5m --lake lake",
            "  bin/takeover simulate --dry-run --conversations 20 --seed 7 | bin/takeover score"})
public final class SimulateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", description = "Kafka bootstrap servers (not needed with --dry-run/--out).")
    String bootstrapServers;

    @Option(names = "--topic", defaultValue = "conversation-events", paramLabel = "TOPIC", description = "Topic for conversation events (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--alerts-topic", defaultValue = "takeover-alerts", paramLabel = "TOPIC", description = "Topic the simulated supervisors read alerts from (default: ${DEFAULT-VALUE}).")
    String alertsTopic;

    @Option(names = "--format", defaultValue = "avro", paramLabel = "avro|json",
            description = "Wire format of event values and of the alerts read (default: ${DEFAULT-VALUE}).")
    String format;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    PacingOptions pacing;

    static final class PacingOptions {
        @Option(names = "--rate", paramLabel = "N", description = "Events per second (wall clock).")
        Double rate;

        @Option(names = "--day-in", paramLabel = "MINUTES", description = "Compress one simulated day into this many minutes of wall time.")
        Double dayInMinutes;
    }

    @Option(names = "--duration", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Wall time to keep opening conversations, e.g. 90s, 2m, 1h (default: 2m, or none with --conversations or a dry run).")
    Duration duration;

    @Option(names = "--conversations", paramLabel = "N", description = "Open this many conversations, then finish (default with a dry run: 1000).")
    Long conversations;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Seed: the same seed and options give the same events, ids included (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--start", paramLabel = "INSTANT", defaultValue = "2026-11-20T08:00:00Z",
            description = "Simulated time of the start, UTC (default: ${DEFAULT-VALUE}).")
    String start;

    @Option(names = "--conversations-per-hour", paramLabel = "R", defaultValue = "360",
            description = "Mean new conversations per simulated hour, over a day; arrivals follow a day curve (default: ${DEFAULT-VALUE}).")
    double conversationsPerHour;

    @Option(names = "--lake", paramLabel = "DIR", description = "Lake root: outcomes go to DIR/outcomes/dt=YYYY-MM-DD/ (none written without it).")
    Path lake;

    @Option(names = "--supervisors", paramLabel = "alerts|built-in|none",
            description = "Who decides takeovers on alerts: the alerts topic (default with Kafka), the simulator's own stand-in alerts (default for dry runs), or nobody.")
    String supervisors;

    @Option(names = "--dry-run", description = "Write JSON events to stdout instead of Kafka.")
    boolean dryRun;

    @Option(names = "--out", paramLabel = "FILE", description = "Write JSON events to FILE instead of Kafka.")
    Path out;

    @Option(names = {"-X", "--kafka-property"}, paramLabel = "KEY=VALUE", description = "Extra Kafka client property (repeatable), e.g. -X security.protocol=SSL.")
    Map<String, String> kafkaProperties = new LinkedHashMap<>();

    @Option(names = "--progress-interval", converter = DurationConverter.class, defaultValue = "5s", paramLabel = "DURATION",
            description = "How often a progress line goes to stderr (default: ${DEFAULT-VALUE}).")
    Duration progressInterval;

    @Option(names = "--outcomes-every", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Write outcomes this often (wall time) instead of only at the end.")
    Duration outcomesEvery;

    @Override
    public Integer call() throws Exception {
        CommandLine cl = spec.commandLine();
        boolean toKafka = !dryRun && out == null;
        if (dryRun && out != null) {
            throw new CommandLine.ParameterException(cl, "--dry-run and --out are alternatives: choose one");
        }
        if (toKafka && (bootstrapServers == null || bootstrapServers.isBlank())) {
            throw new CommandLine.ParameterException(cl, "--bootstrap-servers is required (or use --dry-run / --out FILE)");
        }
        WireFormat wire;
        try {
            wire = WireFormat.parse(format);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, "--format: " + e.getMessage());
        }
        Instant startAt;
        try {
            startAt = Instant.parse(start);
        } catch (DateTimeParseException e) {
            throw new CommandLine.ParameterException(cl, "--start: '" + start + "' is not an ISO instant like 2026-11-20T08:00:00Z");
        }
        if (conversations != null && conversations <= 0) {
            throw new CommandLine.ParameterException(cl, "--conversations must be > 0, got " + conversations);
        }
        if (!(conversationsPerHour > 0)) {
            throw new CommandLine.ParameterException(cl, "--conversations-per-hour must be > 0, got " + conversationsPerHour);
        }
        SimulatorRunner.Pacing pace = new SimulatorRunner.Pacing.Unlimited();
        if (pacing != null && pacing.rate != null) {
            if (!(pacing.rate > 0)) {
                throw new CommandLine.ParameterException(cl, "--rate must be > 0 events/s, got " + pacing.rate);
            }
            pace = new SimulatorRunner.Pacing.EventsPerSecond(pacing.rate);
        } else if (pacing != null && pacing.dayInMinutes != null) {
            if (!(pacing.dayInMinutes > 0)) {
                throw new CommandLine.ParameterException(cl, "--day-in must be > 0 minutes, got " + pacing.dayInMinutes);
            }
            pace = new SimulatorRunner.Pacing.DayIn(Duration.ofMillis(Math.round(pacing.dayInMinutes * 60_000)));
        }
        SimulatorRunner.Supervisors who = parseSupervisors(cl, toKafka);
        Duration runFor = duration;
        long limit = conversations == null ? 0 : conversations;
        if (runFor == null && limit == 0) {
            if (toKafka) {
                runFor = Duration.ofMinutes(2);
            } else {
                limit = 1000;
            }
        }

        Properties props = new Properties();
        props.putAll(kafkaProperties);
        PrintWriter err = cl.getErr();
        PrintStream progress = new PrintStream(new WriterOutputStream(err), true, java.nio.charset.StandardCharsets.UTF_8);
        OutputStream file = out == null ? null : Files.newOutputStream(out);
        SimulatorRunner.Config.Builder b = SimulatorRunner.Config.builder()
                .simulation(new SimulationConfig(seed, startAt, conversationsPerHour, limit, SimulationConfig.DEFAULT_ABANDON_SHARE, true, false))
                .bootstrapServers(toKafka ? bootstrapServers : null)
                .eventsTopic(topic)
                .alertsTopic(alertsTopic)
                .format(wire)
                .kafkaProperties(props)
                .pacing(pace)
                .duration(runFor)
                .supervisors(who)
                .lake(lake)
                .outcomeFlushInterval(outcomesEvery)
                .progress(progress)
                .progressInterval(progressInterval);
        if (dryRun) {
            b.sink(EventSink.jsonLines(cl.getOut(), false));
        } else if (file != null) {
            b.sink(EventSink.jsonLines(file, true));
        }
        SimulatorRunner.Config config;
        try {
            config = b.build();
        } catch (IllegalArgumentException e) {
            if (file != null) {
                file.close();
            }
            throw new CommandLine.ParameterException(cl, e.getMessage());
        }

        SimulatorRunner runner = new SimulatorRunner(config);
        Thread hook = new Thread(runner::close, "simulate-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        SimulatorRunner.Stats s;
        try {
            runner.start();
            while (!runner.awaitCompletion(Duration.ofSeconds(1))) {
                // progress lines come from the runner
            }
            runner.close();
            s = runner.stats();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running already
            }
            runner.close();
        }
        err.printf(Locale.ROOT, "simulate: done: %,d conversations, %,d events (%,d delivered) in %.1f s; %,d alerts seen, %,d takeovers (%,d on alerts), %,d hand-backs%s%n",
                s.conversationsEnded(), s.eventsSent(), s.eventsDelivered(), s.elapsed().toMillis() / 1000.0, s.alertsReceived(),
                s.takeovers(), s.takeoversFromAlerts(), s.handBacks(),
                lake == null ? "" : String.format(Locale.ROOT, "; %,d outcomes written to %s", s.outcomesWritten(), lake.resolve("outcomes")));
        err.flush();
        return Launcher.OK;
    }

    private SimulatorRunner.Supervisors parseSupervisors(CommandLine cl, boolean toKafka) {
        if (supervisors == null) {
            return toKafka ? SimulatorRunner.Supervisors.ALERTS_TOPIC : SimulatorRunner.Supervisors.BUILT_IN;
        }
        SimulatorRunner.Supervisors who = switch (supervisors.toLowerCase(Locale.ROOT)) {
            case "alerts" -> SimulatorRunner.Supervisors.ALERTS_TOPIC;
            case "built-in", "builtin" -> SimulatorRunner.Supervisors.BUILT_IN;
            case "none" -> SimulatorRunner.Supervisors.NONE;
            default -> throw new CommandLine.ParameterException(cl, "--supervisors: '" + supervisors + "' is not one of alerts, built-in, none");
        };
        if (who == SimulatorRunner.Supervisors.ALERTS_TOPIC && !toKafka) {
            throw new CommandLine.ParameterException(cl, "--supervisors alerts needs Kafka (not with --dry-run/--out)");
        }
        return who;
    }

    /** Lets the runner's progress PrintStream write into picocli's error writer. */
    private static final class WriterOutputStream extends OutputStream {
        private final PrintWriter writer;
        private final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();

        WriterOutputStream(PrintWriter writer) {
            this.writer = writer;
        }

        @Override
        public synchronized void write(int b) {
            line.write(b);
            if (b == '\n') {
                flush();
            }
        }

        @Override
        public synchronized void flush() {
            writer.print(line.toString(java.nio.charset.StandardCharsets.UTF_8));
            writer.flush();
            line.reset();
        }
    }
}
