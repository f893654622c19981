package com.takeover.job;

import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Passes decoded events on and sends records that could not be decoded to the dead-letter side output. */
public final class DeadLetterRouter extends ProcessFunction<IngestedEvent, IngestedEvent> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterRouter.class);

    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters") {};

    /** Metric name of the counter of dead-lettered records. */
    public static final String METRIC_DEAD_LETTERS = "deadLetterRecords";

    private transient Counter deadLetters;

    @Override
    public void open(org.apache.flink.api.common.functions.OpenContext openContext) {
        deadLetters = getRuntimeContext().getMetricGroup().counter(METRIC_DEAD_LETTERS);
    }

    @Override
    public void processElement(IngestedEvent in, Context ctx, Collector<IngestedEvent> out) {
        if (in.isDecoded()) {
            out.collect(in);
            return;
        }
        deadLetters.inc();
        LOG.warn("dead-lettered {}-{}@{}: {}", in.topic, in.partition, in.offset, in.reason);
        ctx.output(DEAD_LETTERS, DeadLetter.of(in));
    }
}
