package com.takeover.cli;

import picocli.CommandLine;

/** Exit-code and error conventions shared by every command of the launcher. */
public final class Launcher {
    public static final int OK = 0;
    public static final int FAILURE = 1;
    public static final int BAD_ARGUMENTS = 2;

    private Launcher() {}

    /** A picocli command line with the launcher's conventions: usage errors exit 2, failures print one line. */
    public static CommandLine commandLine(Object command) {
        CommandLine cl = new CommandLine(command);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExitCodeExceptionMapper(e -> e instanceof CommandFailure f ? f.exitCode() : FAILURE);
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("error: " + ex.getMessage());
            c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help'.");
            return BAD_ARGUMENTS;
        });
        cl.setExecutionExceptionHandler((ex, c, parseResult) -> {
            c.getErr().println("error: " + oneLine(ex));
            if (Boolean.getBoolean("takeover.debug")) {
                ex.printStackTrace(c.getErr());
            }
            return c.getExitCodeExceptionMapper().getExitCode(ex);
        });
        return cl;
    }

    private static String oneLine(Throwable ex) {
        String msg = ex.getMessage();
        if (msg == null || msg.isBlank()) {
            msg = ex.getClass().getSimpleName();
        }
        return msg.replace('\n', ' ');
    }

    /** A failure with a message for the user and a specific exit code. */
    public static final class CommandFailure extends RuntimeException {
        private final int exitCode;

        public CommandFailure(int exitCode, String message) {
            super(message);
            this.exitCode = exitCode;
        }

        public CommandFailure(int exitCode, String message, Throwable cause) {
            super(message, cause);
            this.exitCode = exitCode;
        }

        public int exitCode() {
            return exitCode;
        }
    }
}
