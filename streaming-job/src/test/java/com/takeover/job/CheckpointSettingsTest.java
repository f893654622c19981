package com.takeover.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.changelog.fs.FsStateChangelogOptions;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateChangelogOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.RecoveryClaimMode;
import org.apache.flink.state.rocksdb.RocksDBConfigurableOptions;
import org.apache.flink.state.rocksdb.RocksDBOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.TernaryBoolean;
import org.junit.jupiter.api.Test;
import org.rocksdb.CompactionStyle;

/** What the checkpoint settings of a {@link JobConfig} make of a Flink environment. */
class CheckpointSettingsTest {

    static StreamExecutionEnvironment configured(JobConfig config) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        TakeoverJob.configure(env, config);
        return env;
    }

    @Test
    void exactlyOnceStartsTheNextCheckpointWithoutAPauseByDefault() {
        JobConfig eo = JobConfig.fromMap(Map.of("delivery", "exactly-once", "checkpoint-interval", "1s"));
        assertThat(configured(eo).getCheckpointConfig().getMinPauseBetweenCheckpoints()).isZero();
    }

    @Test
    void atLeastOnceKeepsAPauseOfHalfTheIntervalAtMostFiveSecondsByDefault() {
        JobConfig oneSecond = JobConfig.fromMap(Map.of("checkpoint-interval", "1s"));
        assertThat(configured(oneSecond).getCheckpointConfig().getMinPauseBetweenCheckpoints()).isEqualTo(500);
        JobConfig oneMinute = JobConfig.fromMap(Map.of("checkpoint-interval", "1m"));
        assertThat(configured(oneMinute).getCheckpointConfig().getMinPauseBetweenCheckpoints()).isEqualTo(5_000);
    }

    @Test
    void aGivenPauseWinsWhateverTheGuarantee() {
        JobConfig eo = JobConfig.fromMap(Map.of("delivery", "exactly-once", "checkpoint-interval", "1s",
                "checkpoint-min-pause", "200ms"));
        assertThat(eo.checkpointMinPause()).isEqualTo(Duration.ofMillis(200));
        assertThat(configured(eo).getCheckpointConfig().getMinPauseBetweenCheckpoints()).isEqualTo(200);
        JobConfig alo = JobConfig.fromMap(Map.of("checkpoint-min-pause", "0"));
        assertThat(configured(alo).getCheckpointConfig().getMinPauseBetweenCheckpoints()).isZero();
    }

    @Test
    void stateIsOnTheHeapWithFullCheckpointsByDefault() {
        StreamExecutionEnvironment env = configured(JobConfig.defaults());
        assertThat(env.isChangelogStateBackendEnabled()).isNotEqualTo(TernaryBoolean.TRUE);
        assertThat(env.getConfiguration().getOptional(StateBackendOptions.STATE_BACKEND)).isEmpty();
        assertThat(JobConfig.defaults().stateBackend()).isEqualTo(JobConfig.StateBackend.HASHMAP);
    }

    @Test
    void exactlyOnceKeepsItsStateInRocksDbWithIncrementalCheckpointsByDefault() {
        StreamExecutionEnvironment env = configured(JobConfig.fromMap(Map.of("delivery", "exactly-once")));
        assertThat(env.getConfiguration().get(StateBackendOptions.STATE_BACKEND)).isEqualTo("rocksdb");
        assertThat(env.getConfiguration().get(CheckpointingOptions.INCREMENTAL_CHECKPOINTS)).isTrue();
        StreamExecutionEnvironment onHeap = configured(JobConfig.fromMap(Map.of("delivery", "exactly-once",
                "state-backend", "hashmap")));
        assertThat(onHeap.getConfiguration().getOptional(StateBackendOptions.STATE_BACKEND)).isEmpty();
    }

    @Test
    void theChangelogBackendWritesItsLogNextToTheCheckpointsAndClaimsWhatItRestores() {
        JobConfig c = JobConfig.fromMap(Map.of("state-backend", "changelog", "checkpoint-dir", "file:///data/cp"));
        StreamExecutionEnvironment env = configured(c);
        assertThat(env.isChangelogStateBackendEnabled()).isEqualTo(TernaryBoolean.TRUE);
        assertThat(env.getConfiguration().get(StateChangelogOptions.STATE_CHANGE_LOG_STORAGE)).isEqualTo("filesystem");
        assertThat(env.getConfiguration().get(FsStateChangelogOptions.BASE_PATH)).isEqualTo("file:///data/cp/changelog");
        // restored in NO_CLAIM mode it would fail at its first checkpoint (it cannot take a full one)
        assertThat(env.getConfiguration().get(StateRecoveryOptions.RESTORE_MODE)).isEqualTo(RecoveryClaimMode.CLAIM);
    }

    @Test
    void theRocksDbBackendTakesIncrementalCheckpoints() {
        StreamExecutionEnvironment env = configured(JobConfig.fromMap(Map.of("state-backend", "rocksdb")));
        assertThat(env.getConfiguration().get(StateBackendOptions.STATE_BACKEND)).isEqualTo("rocksdb");
        assertThat(env.getConfiguration().get(CheckpointingOptions.INCREMENTAL_CHECKPOINTS)).isTrue();
        // leveled compaction rewrote every key at every fourth checkpoint, and the next one uploaded it all
        assertThat(env.getConfiguration().get(RocksDBConfigurableOptions.COMPACTION_STYLE))
                .isEqualTo(CompactionStyle.UNIVERSAL);
        assertThat(env.isChangelogStateBackendEnabled()).isNotEqualTo(TernaryBoolean.TRUE);
        // a restore is not forced to claim: RocksDB takes a full checkpoint after a NO_CLAIM restore
        assertThat(env.getConfiguration().getOptional(StateRecoveryOptions.RESTORE_MODE)).isEmpty();
    }

    @Test
    void aLocalRocksDbJobKeepsItsWorkingFilesInATemporaryDirectoryOfItsOwn() throws Exception {
        Configuration conf = LocalJob.configuration(JobConfig.fromMap(Map.of("state-backend", "rocksdb")));
        assertThat(conf.get(StateBackendOptions.STATE_BACKEND)).isEqualTo("rocksdb");
        assertThat(conf.get(CheckpointingOptions.INCREMENTAL_CHECKPOINTS)).isTrue();
        Path work = Path.of(conf.get(RocksDBOptions.LOCAL_DIRECTORIES));
        assertThat(work).isDirectory().startsWith(Path.of(System.getProperty("java.io.tmpdir")));
        assertThat(work.getFileName().toString()).startsWith("takeover-rocksdb-");
        assertThat(LocalJob.configuration(JobConfig.defaults()).getOptional(RocksDBOptions.LOCAL_DIRECTORIES))
                .isEmpty();
    }
}
