package com.takeover.job.failure;

import com.takeover.scoring.ConversationScorer;
import com.takeover.scoring.HumanRequestModel;
import com.takeover.scoring.ScoringConfig;
import com.takeover.scoring.SentimentModel;
import com.takeover.privacy.PiiMasker;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The real sentiment lexicon with two knobs for failure tests: a delay per customer message (so a job is still
 * mid-stream when a test cancels it or a broker goes down) and one injected failure, thrown by the first message
 * scored after {@link #arm()} (a task failure: Flink restarts the job from its last checkpoint). The knobs are
 * static because the MiniCluster runs the tasks in the test's JVM; tests set them before each run with
 * {@link #reset}.
 */
final class FaultySentiment implements SentimentModel {
    private static final long serialVersionUID = 1L;

    private static final AtomicLong CALLS = new AtomicLong();
    private static final AtomicBoolean FAILED = new AtomicBoolean();
    private static volatile long delayNanos;
    private static volatile boolean armed;
    private static volatile long failedAt;

    private final SentimentModel lexicon = SentimentModel.lexicon();

    /** Counters to zero, no failure armed; no delay when {@code delayMicros} is 0. */
    static void reset(long delayMicros) {
        CALLS.set(0);
        FAILED.set(false);
        armed = false;
        failedAt = 0;
        delayNanos = delayMicros * 1_000;
    }

    /** The next message scored throws (once). */
    static void arm() {
        armed = true;
    }

    /** The call that threw, counted from the reset; 0 before. */
    static long failedAt() {
        return failedAt;
    }

    /** Whether the injected failure has happened since the last reset. */
    static boolean failed() {
        return FAILED.get();
    }

    static long calls() {
        return CALLS.get();
    }

    /** The job's default scorer with this sentiment model. */
    static ConversationScorer scorer() {
        return new ConversationScorer(ScoringConfig.defaults(), new FaultySentiment(), HumanRequestModel.detector(),
                new PiiMasker());
    }

    @Override
    public double score(String text) {
        long n = CALLS.incrementAndGet();
        if (armed && FAILED.compareAndSet(false, true)) {
            failedAt = n;
            throw new IllegalStateException("injected failure at customer message " + n);
        }
        if (delayNanos > 0) {
            LockSupport.parkNanos(delayNanos);
        }
        return lexicon.score(text);
    }
}
