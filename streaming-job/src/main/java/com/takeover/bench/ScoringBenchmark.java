package com.takeover.bench;

import com.takeover.job.LakeSinks;
import com.takeover.privacy.PiiMasker;
import com.takeover.rules.AlertFactory;
import com.takeover.rules.RuleEvaluator;
import com.takeover.rules.RuleFiring;
import com.takeover.rules.RuleSet;
import com.takeover.rules.RulesLoader;
import com.takeover.schema.AgentMessage;
import com.takeover.schema.AiMessage;
import com.takeover.schema.ConversationEnded;
import com.takeover.schema.ConversationEvent;
import com.takeover.schema.ConversationSummary;
import com.takeover.schema.CustomerMessage;
import com.takeover.schema.Takeover;
import com.takeover.schema.TakeoverAlert;
import com.takeover.schema.TakeoverRecord;
import com.takeover.scoring.ConversationScorer;
import com.takeover.scoring.ConversationState;
import com.takeover.scoring.HumanRequestDetector;
import com.takeover.scoring.LakeRecords;
import com.takeover.scoring.ScoringConfig;
import com.takeover.scoring.SentimentScorer;
import com.takeover.scoring.TopicClassifier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.formats.parquet.ParquetWriterFactory;

/**
 * The scoring core's CPU per event without Kafka, Flink or a second thread: simulated events folded into
 * conversation states by the plain-Java scorer, the default rules evaluated after each, alerts built, lake rows
 * built and then encoded into Parquet (in memory) by the lake's own writer settings. Each part is timed as a
 * pass of its own over the same events, in thread CPU time, so one change's gain shows on a quiet single thread.
 *
 * <p>Not in it: Flink's record handling, keyed state and timers (stall alerts fired by timers are not fired),
 * the Kafka alert sink and the event's decoding.
 */
public final class ScoringBenchmark {

    /** The passes, in the order they run each round; "core" and "lake" add up to the job's scoring work. */
    public static final List<String> PASSES = List.of(
            "core: apply, rules, alerts, lake rows",
            "lake: Parquet encoding of the rows",
            "  sentiment (customer messages)",
            "  human-request detector (customer messages)",
            "  topic classifier (customer messages)",
            "  PII masker (every message text)");

    private final List<ConversationEvent> events;
    private final List<String> customerTexts = new ArrayList<>();
    private final List<String> messageTexts = new ArrayList<>();
    private final ConversationScorer scorer = new ConversationScorer(ScoringConfig.defaults());
    private final RuleEvaluator evaluator = new RuleEvaluator(scorer);
    private final RuleSet rules = RulesLoader.defaults();
    private final AlertFactory alertFactory = new AlertFactory();
    private final SentimentScorer sentiment = SentimentScorer.withDefaultLexicon();
    private final HumanRequestDetector humanRequest = new HumanRequestDetector();
    private final TopicClassifier topics = ScoringConfig.defaults().topicClassifier();
    private final PiiMasker masker = new PiiMasker();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    /** Rows of the last core pass, encoded by the lake pass. */
    private final List<TakeoverAlert> alertRows = new ArrayList<>();
    private final List<ConversationSummary> summaryRows = new ArrayList<>();
    private final List<TakeoverRecord> takeoverRows = new ArrayList<>();
    /** A checksum of what each pass computed, so the JIT cannot drop the work. */
    private double sink;

    public ScoringBenchmark(List<ConversationEvent> events) {
        this.events = events;
        for (ConversationEvent e : events) {
            Object p = e.getPayload();
            if (p instanceof CustomerMessage m) {
                customerTexts.add(m.getText() == null ? "" : m.getText());
                messageTexts.add(m.getText());
            } else if (p instanceof AiMessage m) {
                messageTexts.add(m.getText());
            } else if (p instanceof AgentMessage m) {
                messageTexts.add(m.getText());
            }
        }
    }

    public int events() {
        return events.size();
    }

    public int customerMessages() {
        return customerTexts.size();
    }

    /** Counts of the rows the last core pass built: alerts, summaries, takeovers. */
    public int[] rows() {
        return new int[] {alertRows.size(), summaryRows.size(), takeoverRows.size()};
    }

    public double checksum() {
        return sink;
    }

    /** One round: thread CPU µs per event of each pass, in the order of {@link #PASSES}. */
    public Map<String, Double> round() {
        Map<String, Double> out = new LinkedHashMap<>();
        out.put(PASSES.get(0), timed(this::core));
        out.put(PASSES.get(1), timed(this::lake));
        out.put(PASSES.get(2), timed(() -> {
            for (String t : customerTexts) {
                sink += sentiment.score(t);
            }
        }));
        out.put(PASSES.get(3), timed(() -> {
            for (String t : customerTexts) {
                sink += humanRequest.isHumanRequest(t) ? 1 : 0;
            }
        }));
        out.put(PASSES.get(4), timed(() -> {
            for (String t : customerTexts) {
                String topic = topics.classify(t);
                sink += topic == null ? 0 : topic.length();
            }
        }));
        out.put(PASSES.get(5), timed(() -> {
            for (String t : messageTexts) {
                String m = masker.mask(t);
                sink += m == null ? 0 : m.length();
            }
        }));
        return out;
    }

    private double timed(Runnable pass) {
        long t0 = threads.getCurrentThreadCpuTime();
        pass.run();
        long t1 = threads.getCurrentThreadCpuTime();
        return (t1 - t0) / 1e3 / events.size();
    }

    /** What the scoring operator does per event (ConversationScoringFunction.processElement), minus Flink. */
    private void core() {
        alertRows.clear();
        summaryRows.clear();
        takeoverRows.clear();
        Map<String, ConversationState> open = new HashMap<>();
        for (ConversationEvent event : events) {
            Object payload = event.getPayload();
            long t = event.getEventTime();
            ConversationState state = open.get(event.getConversationId());
            if (state == null) {
                if (payload instanceof ConversationEnded) {
                    continue;
                }
                state = new ConversationState(event.getConversationId());
                open.put(event.getConversationId(), state);
            } else if (state.ended) {
                continue;
            }
            scorer.apply(state, event);
            if (payload instanceof Takeover) {
                takeoverRows.add(LakeRecords.takeover(state, event));
            }
            List<RuleFiring> firings = evaluator.evaluate(state, rules, t);
            if (!firings.isEmpty()) {
                double risk = scorer.risk(state, t);
                for (RuleFiring f : firings) {
                    TakeoverAlert alert = alertFactory.create(state, f, event.getEventId(), t, risk);
                    alert.setSourceTimestamp(t);
                    alertRows.add(LakeRecords.withoutPreview(alert));
                }
            }
            if (state.ended) {
                summaryRows.add(LakeRecords.summary(state, t, false, scorer.config()));
                open.remove(event.getConversationId());
            } else {
                OptionalLong next = evaluator.nextTimeBasedCheck(state, rules, t);
                sink += next.isPresent() ? 1 : 0;
            }
        }
        sink += open.size();
    }

    /** The rows of the last core pass through the lake's Parquet writers, one file per table, into memory. */
    private void lake() {
        sink += encode(LakeSinks.parquet(TakeoverAlert.class), alertRows);
        sink += encode(LakeSinks.parquet(ConversationSummary.class), summaryRows);
        sink += encode(LakeSinks.parquet(TakeoverRecord.class), takeoverRows);
    }

    private static <T extends SpecificRecordBase> long encode(ParquetWriterFactory<T> factory, List<T> rows) {
        CountingStream out = new CountingStream();
        try {
            BulkWriter<T> w = factory.create(out);
            for (T row : rows) {
                w.addElement(row);
            }
            w.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.pos;
    }

    /** A file that keeps nothing: the benchmark measures encoding, not the disk. */
    private static final class CountingStream extends FSDataOutputStream {
        long pos;

        @Override
        public void write(int b) {
            pos++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            pos += len;
        }

        @Override
        public long getPos() {
            return pos;
        }

        @Override
        public void flush() {}

        @Override
        public void sync() {}

        @Override
        public void close() {}
    }
}
