package com.takeover.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where a run's checkpoint time went, from Flink's REST API (the local cluster's, on loopback): per completed
 * checkpoint triggered after the warm-up its end-to-end duration, the time since the previous trigger, its
 * size, and per operator chain the slowest subtask's start delay (barrier reaching it), alignment, synchronous
 * and asynchronous snapshot times. Under exactly-once an alert waits for the next barrier and then for that
 * checkpoint to complete, so these are the parts of its latency.
 */
public record CheckpointStats(int completed, int failed, Percentiles endToEndMs, Percentiles spacingMs,
        long lastStateBytes, long lastCheckpointedBytes, Map<String, Parts> perVertex) {

    /** Per operator chain, over the checkpoints: the slowest subtask's times in ms. */
    public record Parts(Percentiles startDelay, Percentiles alignment, Percentiles sync, Percentiles async,
            long lastStateBytes) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Checkpoints of {@code jobId} triggered at or after {@code fromMillis} (wall clock). */
    public static CheckpointStats fetch(int restPort, String jobId, long fromMillis) throws IOException,
            InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String base = "http://127.0.0.1:" + restPort + "/jobs/" + jobId;
        Map<String, String> names = new LinkedHashMap<>();
        for (JsonNode v : get(http, base).path("vertices")) {
            names.put(v.path("id").asText(), v.path("name").asText());
        }
        JsonNode overview = get(http, base + "/checkpoints");
        List<JsonNode> history = new ArrayList<>();
        overview.path("history").forEach(history::add);
        history.sort((a, b) -> Long.compare(a.path("id").asLong(), b.path("id").asLong()));
        List<Long> e2e = new ArrayList<>();
        List<Long> spacing = new ArrayList<>();
        Map<String, List<long[]>> parts = new LinkedHashMap<>();
        Map<String, Long> vertexBytes = new LinkedHashMap<>();
        int failed = 0;
        long previousTrigger = -1;
        long lastState = 0;
        long lastCheckpointed = 0;
        for (JsonNode cp : history) {
            long trigger = cp.path("trigger_timestamp").asLong();
            boolean completed = "COMPLETED".equals(cp.path("status").asText());
            if (trigger >= fromMillis && !cp.path("is_savepoint").asBoolean()) {
                if (!completed) {
                    failed += "FAILED".equals(cp.path("status").asText()) ? 1 : 0;
                } else {
                    e2e.add(cp.path("end_to_end_duration").asLong());
                    if (previousTrigger > 0) {
                        spacing.add(trigger - previousTrigger);
                    }
                    lastState = cp.path("state_size").asLong();
                    lastCheckpointed = cp.path("checkpointed_size").asLong();
                    for (String vertex : names.keySet()) {
                        JsonNode s = get(http, base + "/checkpoints/details/" + cp.path("id").asLong() + "/subtasks/"
                                + vertex).path("summary");
                        parts.computeIfAbsent(vertex, k -> new ArrayList<>()).add(new long[] {
                            s.path("start_delay").path("max").asLong(),
                            s.path("alignment").path("duration").path("max").asLong(),
                            s.path("checkpoint_duration").path("sync").path("max").asLong(),
                            s.path("checkpoint_duration").path("async").path("max").asLong()});
                        vertexBytes.put(vertex, s.path("state_size").path("max").asLong()
                                * Math.max(1, cp.path("tasks").path(vertex).path("num_subtasks").asLong(1)));
                    }
                }
            }
            previousTrigger = trigger;
        }
        Map<String, Parts> perVertex = new LinkedHashMap<>();
        parts.forEach((vertex, rows) -> perVertex.put(names.get(vertex), new Parts(column(rows, 0), column(rows, 1),
                column(rows, 2), column(rows, 3), vertexBytes.getOrDefault(vertex, 0L))));
        return new CheckpointStats(e2e.size(), failed, Percentiles.of(e2e.stream().mapToLong(Long::longValue).toArray()),
                Percentiles.of(spacing.stream().mapToLong(Long::longValue).toArray()), lastState, lastCheckpointed,
                perVertex);
    }

    private static Percentiles column(List<long[]> rows, int i) {
        return Percentiles.of(rows.stream().mapToLong(r -> r[i]).toArray());
    }

    private static JsonNode get(HttpClient http, String url) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException(url + ": HTTP " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body());
    }

    /** A few lines for the benchmark's progress output. */
    public String describe() {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
                "  checkpoints %d completed, %d failed; end-to-end ms p50 %,d p95 %,d max %,d; trigger spacing ms p50 %,d"
                        + " max %,d; last %,d B (%,d B checkpointed)%n", completed, failed, endToEndMs.p50(),
                endToEndMs.p95(), endToEndMs.max(), spacingMs.p50(), spacingMs.max(), lastStateBytes,
                lastCheckpointedBytes));
        perVertex.forEach((name, p) -> s.append(String.format(Locale.ROOT,
                "    %-45.45s start delay p50/max %,d/%,d  alignment %,d/%,d  sync %,d/%,d  async %,d/%,d ms;"
                        + " %,d B%n", name, p.startDelay().p50(), p.startDelay().max(), p.alignment().p50(),
                p.alignment().max(), p.sync().p50(), p.sync().max(), p.async().p50(), p.async().max(),
                p.lastStateBytes())));
        return s.toString();
    }
}
