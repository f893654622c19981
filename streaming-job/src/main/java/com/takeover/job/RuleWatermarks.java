package com.takeover.job;

import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Watermarks for the rules input: none, and the input always reports itself idle. The scoring
 * operator's event time is the minimum over its active inputs, so an idle rules input neither holds
 * event time back (a rules topic quiet for days must not stop stall and cleanup timers) nor pushes it
 * forward: were it to report "end of time" instead, a pause in the events topic would make every
 * timer fire at once and close every open conversation.
 */
final class RuleWatermarks implements WatermarkGenerator<RuleUpdate> {

    static WatermarkStrategy<RuleUpdate> idle() {
        return WatermarkStrategy.<RuleUpdate>forGenerator(ctx -> new RuleWatermarks())
                .withTimestampAssigner((u, ts) -> Long.MIN_VALUE);
    }

    @Override
    public void onEvent(RuleUpdate event, long eventTimestamp, WatermarkOutput output) {}

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        output.markIdle();
    }
}
