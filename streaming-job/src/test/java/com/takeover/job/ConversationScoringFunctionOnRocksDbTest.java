package com.takeover.job;

import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;

/**
 * Every test of {@link ConversationScoringFunctionTest} on the RocksDB backend with incremental checkpoints
 * ({@code state-backend=rocksdb}): each state read deserializes a fresh {@link ConversationWithTimers} and each
 * write serializes it, the timers live in RocksDB too, and the snapshots the restore tests take are RocksDB's.
 */
class ConversationScoringFunctionOnRocksDbTest extends ConversationScoringFunctionTest {

    @Override
    StateBackend stateBackend() {
        return new EmbeddedRocksDBStateBackend(true);
    }
}
