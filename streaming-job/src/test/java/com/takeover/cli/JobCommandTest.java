package com.takeover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobCommandTest {
    @TempDir
    Path dir;

    @Test
    void printsTheEffectiveConfigFromFileAndFlagsWithSecretsHidden() throws Exception {
        Path file = dir.resolve("job.properties");
        Files.writeString(file, """
                bootstrap-servers=kafka-1:9092
                value-format=json
                parallelism=2
                kafka.ssl.truststore.password=changeit
                """);
        CliRun r = CliRun.of("job", "--config", file.toString(), "--parallelism", "4", "--delivery", "exactly-once",
                "--checkpoint-interval", "2s", "--kafka-property", "security.protocol=SSL", "--keep-masked-text",
                "--print-config");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out().lines()).contains(
                "bootstrap-servers=kafka-1:9092",
                "value-format=json",
                "parallelism=4",
                "delivery=exactly-once",
                "transaction-timeout=5m",
                "checkpoint-interval=2s",
                "state-backend=rocksdb",
                "keep-masked-text=true",
                "kafka.security.protocol=SSL",
                "kafka.ssl.truststore.password=******");
        assertThat(r.out()).doesNotContain("changeit");
    }

    @Test
    void badSettingsAreUsageErrorsNamingTheKeyAndTheFile() throws Exception {
        Path file = dir.resolve("job.properties");
        Files.writeString(file, "checkpoint-intervall=5s\n");
        CliRun misspelt = CliRun.of("job", "--config", file.toString(), "--print-config");
        assertThat(misspelt.exitCode()).isEqualTo(Launcher.BAD_ARGUMENTS);
        assertThat(misspelt.err()).contains(file.toString()).contains("unknown configuration key 'checkpoint-intervall'");

        CliRun badDuration = CliRun.of("job", "--idleness", "soon", "--print-config");
        assertThat(badDuration.exitCode()).isEqualTo(Launcher.BAD_ARGUMENTS);
        assertThat(badDuration.err()).contains("idleness: ");

        CliRun noCheckpoints = CliRun.of("job", "--delivery", "exactly-once", "--checkpoint-interval", "0",
                "--print-config");
        assertThat(noCheckpoints.exitCode()).isEqualTo(Launcher.BAD_ARGUMENTS);
        assertThat(noCheckpoints.err()).contains("checkpoint-interval: exactly-once");

        CliRun missing = CliRun.of("job", "--config", dir.resolve("missing.properties").toString(), "--print-config");
        assertThat(missing.exitCode()).isEqualTo(Launcher.BAD_ARGUMENTS);
        assertThat(missing.err()).contains("config file not found");
    }

    @Test
    void helpListsTheOptions() {
        CliRun r = CliRun.of("job", "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("--bootstrap-servers", "--delivery", "--kafka-property", "--lake-path",
                "flink run");
    }
}
