package com.takeover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class JobCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = Launcher.commandLine(new TakeoverCli());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void printsTheEffectiveConfigFromFileAndFlagsWithSecretsHidden() throws Exception {
        Path file = dir.resolve("job.properties");
        Files.writeString(file, """
                bootstrap-servers=kafka-1:9092
                value-format=json
                parallelism=2
                kafka.ssl.truststore.password=changeit
                """);
        int exit = run("job", "--config", file.toString(), "--parallelism", "4", "--delivery", "exactly-once",
                "--checkpoint-interval", "2s", "--kafka-property", "security.protocol=SSL", "--keep-masked-text",
                "--print-config");
        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString().lines()).contains(
                "bootstrap-servers=kafka-1:9092",
                "value-format=json",
                "parallelism=4",
                "delivery=exactly-once",
                "transaction-timeout=5m",
                "checkpoint-interval=2s",
                "keep-masked-text=true",
                "kafka.security.protocol=SSL",
                "kafka.ssl.truststore.password=******");
        assertThat(out.toString()).doesNotContain("changeit");
    }

    @Test
    void badSettingsAreUsageErrorsNamingTheKeyAndTheFile() throws Exception {
        Path file = dir.resolve("job.properties");
        Files.writeString(file, "checkpoint-intervall=5s\n");
        assertThat(run("job", "--config", file.toString(), "--print-config")).isEqualTo(Launcher.BAD_ARGUMENTS);
        assertThat(err.toString()).contains(file.toString()).contains("unknown configuration key 'checkpoint-intervall'");

        assertThat(run("job", "--idleness", "soon", "--print-config")).isEqualTo(Launcher.BAD_ARGUMENTS);
        assertThat(err.toString()).contains("idleness: ");

        assertThat(run("job", "--delivery", "exactly-once", "--checkpoint-interval", "0", "--print-config"))
                .isEqualTo(Launcher.BAD_ARGUMENTS);
        assertThat(err.toString()).contains("checkpoint-interval: exactly-once");

        assertThat(run("job", "--config", dir.resolve("missing.properties").toString(), "--print-config"))
                .isEqualTo(Launcher.BAD_ARGUMENTS);
        assertThat(err.toString()).contains("config file not found");
    }

    @Test
    void helpListsTheOptions() {
        assertThat(run("job", "--help")).isZero();
        assertThat(out.toString()).contains("--bootstrap-servers", "--delivery", "--kafka-property", "--lake-path",
                "flink run");
    }
}
