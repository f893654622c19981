package com.takeover.batch.cli;

import com.takeover.batch.lake.LakeInputException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The nightly reports' command line ({@code bin/takeover nightly|backfill}). Exit codes: 0 ok,
 * 2 bad arguments, 3 missing or invalid input (the message names it), 1 anything else.
 */
@Command(
        name = "takeover",
        mixinStandardHelpOptions = true,
        versionProvider = BatchCli.Version.class,
        description = "Nightly takeover reports: where intervention pays, where the AI needs work, alert "
                + "effectiveness, takeover timing, trend.",
        subcommands = {NightlyCommand.class, BackfillCommand.class, SampleLakeCommand.class,
            BenchNightlyCommand.class, CommandLine.HelpCommand.class})
public final class BatchCli implements Runnable {
    public static final int OK = 0;
    public static final int FAILURE = 1;
    public static final int BAD_ARGUMENTS = 2;
    public static final int BAD_INPUT = 3;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command and returns its exit code (tests call this instead of {@link #main}). */
    public static int run(String... args) {
        CommandLine cl = commandLine();
        try {
            return cl.execute(args);
        } finally {
            // main() exits the JVM next: what a command printed without a line end would be lost in the writers
            cl.getOut().flush();
            cl.getErr().flush();
        }
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new BatchCli());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExitCodeExceptionMapper(BatchCli::exitCode);
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("error: " + ex.getMessage());
            c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help'.");
            return BAD_ARGUMENTS;
        });
        cl.setExecutionExceptionHandler((ex, c, parseResult) -> {
            c.getErr().println("error: " + message(ex));
            if (Boolean.getBoolean("takeover.debug")) {
                ex.printStackTrace(c.getErr());
            }
            return exitCode(ex);
        });
        return cl;
    }

    static int exitCode(Throwable ex) {
        return inputProblem(ex) != null ? BAD_INPUT : FAILURE;
    }

    /**
     * The input error behind a failure: ours, or a file Spark could not read. Searched through causes and suppressed
     * exceptions: when stages fail together Spark reports STAGE_MATERIALIZATION_MULTIPLE_FAILURES, and the read error
     * may be any one of them.
     */
    static Throwable inputProblem(Throwable ex) {
        ArrayDeque<Throwable> todo = new ArrayDeque<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        todo.add(ex);
        while (!todo.isEmpty()) {
            Throwable t = todo.poll();
            if (!seen.add(t)) {
                continue;
            }
            if (t instanceof LakeInputException) {
                return t;
            }
            if (readErrorLine(t.getMessage()) != null) {
                return t;
            }
            if (t.getCause() != null) {
                todo.add(t.getCause());
            }
            todo.addAll(Arrays.asList(t.getSuppressed()));
        }
        return null;
    }

    /** What Spark says when it cannot read a file, in the order to look for it on a line. */
    private static final String[] READ_ERRORS = {"FAILED_READ_FILE", "Encountered error while reading file",
        "PATH_NOT_FOUND"};

    /**
     * The read error in a message, from where it starts to the end of its line: Spark nests it in "Job aborted
     * due to stage failure: ..." lines, and lists several under STAGE_MATERIALIZATION_MULTIPLE_FAILURES.
     */
    static String readErrorLine(String message) {
        if (message == null) {
            return null;
        }
        for (String line : message.split("\n")) {
            for (String marker : READ_ERRORS) {
                int at = line.indexOf(marker);
                if (at >= 0) {
                    // from the error class's opening bracket, where it has one: "[FAILED_READ_FILE.NO_HINT] ..."
                    return line.substring(at > 0 && line.charAt(at - 1) == '[' ? at - 1 : at).trim();
                }
            }
        }
        return null;
    }

    static String message(Throwable ex) {
        Throwable t = inputProblem(ex);
        if (t == null) {
            t = ex;
        } else if (!(t instanceof LakeInputException)) {
            return readErrorLine(t.getMessage());
        }
        String msg = t.getMessage();
        if (msg == null || msg.isBlank()) {
            msg = t.getClass().getSimpleName();
        }
        int nl = msg.indexOf('\n');
        return (nl < 0 ? msg : msg.substring(0, nl)).trim();
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "a command is required (see --help)");
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = BatchCli.class.getPackage().getImplementationVersion();
            return new String[] {"takeover batch reports " + (v == null ? "dev" : v)};
        }
    }
}
