package com.takeover.job;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Watermarks for the rules input: always "the end of time". The scoring operator's event time is
 * the minimum of its inputs; a rules topic that is quiet for days must not stop stall and cleanup
 * timers, and rule updates carry no event time of their own.
 */
final class RuleWatermarks implements WatermarkGenerator<RuleUpdate> {

    static WatermarkStrategy<RuleUpdate> unlimited() {
        return WatermarkStrategy.<RuleUpdate>forGenerator(ctx -> new RuleWatermarks())
                .withTimestampAssigner((u, ts) -> Long.MIN_VALUE);
    }

    @Override
    public void onEvent(RuleUpdate event, long eventTimestamp, WatermarkOutput output) {
        output.emitWatermark(new Watermark(Long.MAX_VALUE));
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        output.emitWatermark(new Watermark(Long.MAX_VALUE));
    }
}
