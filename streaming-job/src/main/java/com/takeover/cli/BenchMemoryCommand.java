package com.takeover.cli;

import com.takeover.bench.MemoryBenchmark;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bin/takeover bench memory}: state per open conversation, and heap after many ended. */
@Command(
        name = "memory",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "State per conversation: serialized ConversationState of simulated conversations, and the heap of the"
                    + " running job (local cluster, heap state backend, parallelism 1) with K conversations open,"
                    + " after they ended, and after a million more came and went (state must return to near zero).",
            "Run with a fixed heap for stable figures, e.g. TAKEOVER_JAVA_OPTS=-Xmx2g."
        })
public final class BenchMemoryCommand implements Callable<Integer> {

    @Option(names = "--open", paramLabel = "K", defaultValue = "100000",
            description = "conversations held open at once (default: ${DEFAULT-VALUE})")
    int open;

    @Option(names = "--ended", paramLabel = "N", defaultValue = "1000000",
            description = "conversations that start and end afterwards (default: ${DEFAULT-VALUE})")
    int ended;

    @Option(names = "--wave", paramLabel = "N", defaultValue = "100000",
            description = "conversations sent between two checks that the job caught up (default: ${DEFAULT-VALUE})")
    int wave;

    @Option(names = "--lake", description = "also write the Parquet lake (its writers buffer rows until a checkpoint)")
    boolean lake;

    @Option(names = "--seed", defaultValue = "7", description = "simulation seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (open < 1 || ended < 0 || wave < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--open and --wave must be >= 1, --ended >= 0");
        }
        MemoryBenchmark.Result r = MemoryBenchmark.run(new MemoryBenchmark.Options(open, ended, wave, seed, lake),
                spec.commandLine().getErr());
        PrintWriter out = spec.commandLine().getOut();
        var s = r.serialized();
        out.printf(Locale.ROOT, "memory: %d cores, Java %s, max heap %,d MB%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20);
        out.printf(Locale.ROOT, "keyed state per conversation as checkpoints write it (with its timer times), %,d "
                + "simulated conversations:%n", s.states());
        out.printf(Locale.ROOT, "  open, after every event: mean %,.0f B; %s%n", s.openMeanBytes(), s.openBytes());
        out.printf(Locale.ROOT, "  ended, during its grace: %s%n", s.endedBytes());
        out.println("the running job: heap after full GC, and the size of a savepoint (its whole state) at that point:");
        long base = r.baseline();
        for (MemoryBenchmark.HeapPhase p : r.phases()) {
            long delta = p.heapBytes() - base;
            out.printf(Locale.ROOT, "  %-48s heap %,8.1f MB  (%+,.1f MB vs baseline%s)  savepoint %,10.1f KB%n", p.name(),
                    p.heapBytes() / 1048576.0, delta / 1048576.0, p.name().startsWith("conversations open")
                            ? String.format(Locale.ROOT, ", %,.0f B per open conversation", (double) delta / p.conversations())
                            : "", p.savepointBytes() / 1024.0);
        }
        out.flush();
        return Launcher.OK;
    }
}
