package com.takeover.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The launcher's streaming-side commands ({@code bin/takeover <command>}). Exit codes: 0 success,
 * 2 bad arguments, 1 (or a command-specific non-zero code) on any other failure, with a one-line reason.
 */
@Command(
        name = "takeover",
        mixinStandardHelpOptions = true,
        versionProvider = TakeoverCli.Version.class,
        description = "Live takeover alerts for AI-handled support chats.",
        subcommands = {
            CommandLine.HelpCommand.class,
            ScoreCommand.class,
            EvalSentimentCommand.class,
            BenchCommand.class,
            SimulateCommand.class,
            AlertsCommand.class,
            RulesCommand.class,
            JobCommand.class,
            DemoCommand.class,
        })
public final class TakeoverCli implements Runnable {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the launcher and returns its exit code (tests call this instead of {@link #main}). */
    public static int run(String... args) {
        CommandLine cl = Launcher.commandLine(new TakeoverCli());
        try {
            return cl.execute(args);
        } finally {
            // main() exits the JVM next: what a command printed without a line end would be lost in the writers
            cl.getOut().flush();
            cl.getErr().flush();
        }
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                new CommandLine(this), "a command is required (see --help)");
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = TakeoverCli.class.getPackage().getImplementationVersion();
            return new String[] {"takeover " + (v == null ? "dev" : v)};
        }
    }
}
