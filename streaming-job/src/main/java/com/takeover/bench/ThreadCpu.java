package com.takeover.bench;

import com.takeover.job.TakeoverJob;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The CPU time this JVM's threads spend while a job runs, by kind of thread: where a job's CPU per event goes.
 * Each thread's CPU clock is read every {@link #PERIOD_MS} ms, as a job's task threads end with it; a thread
 * that ends between two readings loses at most that period's CPU. Threads the JVM does not list (the JIT's
 * compilers, the collector's) are not in it: the JIT's share is the benchmark's own column.
 */
final class ThreadCpu implements AutoCloseable {
    static final long PERIOD_MS = 100;

    /** Kinds of thread, by the names Flink, Kafka and this benchmark give them. */
    enum Kind {
        SCORING("scoring"),
        PASS_THROUGH("pass-through"),
        LAKE("lake writers"),
        SOURCES("sources"),
        KAFKA("Kafka broker and clients"),
        FLUSHERS("output flushers"),
        OTHER("other");

        final String label;

        Kind(String label) {
            this.label = label;
        }

        static Kind of(String threadName) {
            if (threadName.startsWith(TakeoverJob.NAME_SCORING)) {
                return SCORING;
            }
            if (threadName.startsWith(PassThroughJob.NAME_PASS_THROUGH)) {
                return PASS_THROUGH;
            }
            if (threadName.startsWith(TakeoverJob.NAME_LAKE_PREFIX)) {
                return LAKE;
            }
            if (threadName.startsWith("Source: ") || threadName.startsWith("Source Data Fetcher")) {
                return SOURCES;
            }
            if (threadName.startsWith("OutputFlusher")) {
                return FLUSHERS;
            }
            // The in-process broker's threads and the producers' and consumers' network threads
            return threadName.toLowerCase(Locale.ROOT).contains("kafka") ? KAFKA : OTHER;
        }
    }

    /** What one reading of a thread says. */
    record Reading(long threadId, String name, long cpuNanos) {}

    /** CPU ns per kind from the readings at the start and the last reading of every thread seen since. */
    static Map<Kind, Long> byKind(Map<Long, Reading> start, Map<Long, Reading> last) {
        Map<Kind, Long> out = new EnumMap<>(Kind.class);
        for (Reading r : last.values()) {
            Reading before = start.get(r.threadId());
            long spent = r.cpuNanos() - (before == null ? 0 : before.cpuNanos());
            out.merge(Kind.of(r.name()), Math.max(0, spent), Long::sum);
        }
        return out;
    }

    /** "scoring 6.2, lake writers 1.5, …" in µs per event, the kinds that spent anything, in the enum's order. */
    static String line(Map<Kind, Long> cpuNanos, long events) {
        StringJoiner j = new StringJoiner(", ");
        for (Kind k : Kind.values()) {
            long ns = cpuNanos.getOrDefault(k, 0L);
            if (ns > 0) {
                j.add(String.format(Locale.ROOT, "%s %.1f", k.label, ns / 1000.0 / events));
            }
        }
        return j.toString();
    }

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Map<Long, Reading> start;
    private final Map<Long, Reading> last = new HashMap<>();
    private final Thread sampler;
    private volatile boolean running = true;

    private ThreadCpu() {
        start = read();
        last.putAll(start);
        sampler = new Thread(this::sample, "bench-thread-cpu");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** Starts reading; null where the JVM has no per-thread CPU clock. */
    static ThreadCpu start() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        if (!mx.isThreadCpuTimeSupported()) {
            return null;
        }
        if (!mx.isThreadCpuTimeEnabled()) {
            mx.setThreadCpuTimeEnabled(true);
        }
        return new ThreadCpu();
    }

    /** Stops reading: CPU ns per kind of thread since {@link #start}. */
    Map<Kind, Long> stop() throws InterruptedException {
        running = false;
        sampler.interrupt();
        sampler.join();
        synchronized (last) {
            last.putAll(read());
            return byKind(start, last);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (running) {
            stop();
        }
    }

    private void sample() {
        while (running) {
            Map<Long, Reading> now = read();
            synchronized (last) {
                last.putAll(now);
            }
            try {
                Thread.sleep(PERIOD_MS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private Map<Long, Reading> read() {
        Map<Long, Reading> out = new HashMap<>();
        for (ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (t == null) {
                continue; // ended since the ids were listed
            }
            long cpu = threads.getThreadCpuTime(t.getThreadId());
            if (cpu >= 0) {
                out.put(t.getThreadId(), new Reading(t.getThreadId(), t.getThreadName(), cpu));
            }
        }
        return out;
    }
}
