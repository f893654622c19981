package com.takeover.scoring;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How the scoring core reads a conversation: topic phrase rules, sensitive topics, the low-confidence mark,
 * the trajectory window, the sentiment EMA weight, the preview size, whether a masked transcript is kept, and
 * the risk weights. Immutable; {@link #defaults()} comes from the classpath resource
 * {@code com/takeover/scoring/default-scoring.yaml}, {@link #load(Path)} overrides any of its keys.
 */
public final class ScoringConfig implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final String DEFAULTS_RESOURCE = "com/takeover/scoring/default-scoring.yaml";

    private final List<TopicRule> topics;
    private final Set<String> sensitiveTopics;
    private final double lowConfidenceMark;
    private final int trajectoryWindow;
    private final double emaAlpha;
    private final int previewSize;
    private final boolean keepTranscript;
    private final int transcriptLimit;
    private final RiskWeights riskWeights;
    private final TopicClassifier classifier;

    private ScoringConfig(List<TopicRule> topics, Set<String> sensitiveTopics, double lowConfidenceMark,
            int trajectoryWindow, double emaAlpha, int previewSize, boolean keepTranscript, int transcriptLimit,
            RiskWeights riskWeights) {
        this.topics = List.copyOf(topics);
        this.sensitiveTopics = Set.copyOf(sensitiveTopics.stream()
                .map(t -> t.toLowerCase(Locale.ROOT)).collect(Collectors.toList()));
        this.lowConfidenceMark = lowConfidenceMark;
        this.trajectoryWindow = trajectoryWindow;
        this.emaAlpha = emaAlpha;
        this.previewSize = previewSize;
        this.keepTranscript = keepTranscript;
        this.transcriptLimit = transcriptLimit;
        this.riskWeights = riskWeights;
        this.classifier = new TopicClassifier(this.topics);
    }

    private static final class Defaults {
        static final ScoringConfig INSTANCE = loadDefaults();
    }

    public static ScoringConfig defaults() {
        return Defaults.INSTANCE;
    }

    /** Defaults overridden by the keys of a YAML (or JSON) file; every problem is named with its field. */
    public static ScoringConfig load(Path yaml) throws IOException {
        JsonNode user;
        try {
            user = yamlMapper().readTree(yaml.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException(yaml + ": not valid YAML: " + e.getOriginalMessage(), e);
        }
        if (user == null || user.isNull() || user.isMissingNode()) {
            return defaults();
        }
        if (!user.isObject()) {
            throw new IOException(yaml + ": expected a mapping of configuration keys");
        }
        try {
            return fromTree(merge(defaultsTree(), (ObjectNode) user));
        } catch (IllegalArgumentException e) {
            throw new IOException(yaml + ": " + e.getMessage(), e);
        }
    }

    // --- accessors

    public List<TopicRule> topics() {
        return topics;
    }

    public Set<String> sensitiveTopics() {
        return sensitiveTopics;
    }

    public boolean isSensitive(String topic) {
        return topic != null && sensitiveTopics.contains(topic.toLowerCase(Locale.ROOT));
    }

    public double lowConfidenceMark() {
        return lowConfidenceMark;
    }

    public int trajectoryWindow() {
        return trajectoryWindow;
    }

    public double emaAlpha() {
        return emaAlpha;
    }

    public int previewSize() {
        return previewSize;
    }

    public boolean keepTranscript() {
        return keepTranscript;
    }

    public int transcriptLimit() {
        return transcriptLimit;
    }

    public RiskWeights riskWeights() {
        return riskWeights;
    }

    public TopicClassifier topicClassifier() {
        return classifier;
    }

    // --- copies with one setting changed (tests, the job's flags)

    public ScoringConfig withKeepTranscript(boolean keep) {
        return new ScoringConfig(topics, sensitiveTopics, lowConfidenceMark, trajectoryWindow, emaAlpha,
                previewSize, keep, transcriptLimit, riskWeights);
    }

    public ScoringConfig withPreviewSize(int size) {
        return validated(new ScoringConfig(topics, sensitiveTopics, lowConfidenceMark, trajectoryWindow, emaAlpha,
                size, keepTranscript, transcriptLimit, riskWeights));
    }

    public ScoringConfig withTopics(List<TopicRule> newTopics, Set<String> newSensitive) {
        return validated(new ScoringConfig(newTopics, newSensitive, lowConfidenceMark, trajectoryWindow, emaAlpha,
                previewSize, keepTranscript, transcriptLimit, riskWeights));
    }

    public ScoringConfig withRiskWeights(RiskWeights weights) {
        return validated(new ScoringConfig(topics, sensitiveTopics, lowConfidenceMark, trajectoryWindow, emaAlpha,
                previewSize, keepTranscript, transcriptLimit, weights));
    }

    public ScoringConfig withTrajectory(int window, double alpha) {
        return validated(new ScoringConfig(topics, sensitiveTopics, lowConfidenceMark, window, alpha,
                previewSize, keepTranscript, transcriptLimit, riskWeights));
    }

    // --- parsing

    /** The file's shape; unknown keys are refused by Jackson. */
    private record Raw(
            double lowConfidenceMark,
            int trajectoryWindow,
            double emaAlpha,
            int previewSize,
            boolean keepTranscript,
            int transcriptLimit,
            List<String> sensitiveTopics,
            List<TopicRule> topics,
            RiskWeights riskWeights) {}

    private static ObjectMapper yamlMapper() {
        ObjectMapper m = new ObjectMapper(new YAMLFactory());
        m.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        m.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        m.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        return m;
    }

    private static ObjectNode defaultsTree() {
        try (InputStream in = ScoringConfig.class.getClassLoader().getResourceAsStream(DEFAULTS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + DEFAULTS_RESOURCE);
            }
            return (ObjectNode) yamlMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(DEFAULTS_RESOURCE + ": " + e.getMessage(), e);
        }
    }

    private static ScoringConfig loadDefaults() {
        return fromTree(defaultsTree());
    }

    /** Objects merge key by key; anything else in the override replaces the default. */
    private static ObjectNode merge(ObjectNode base, ObjectNode override) {
        Iterator<Map.Entry<String, JsonNode>> it = override.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode b = base.get(e.getKey());
            if (b instanceof ObjectNode bo && e.getValue() instanceof ObjectNode oo && !"segmentValues".equals(e.getKey())) {
                merge(bo, oo);
            } else {
                base.set(e.getKey(), e.getValue());
            }
        }
        return base;
    }

    private static ScoringConfig fromTree(ObjectNode tree) {
        Raw raw;
        try {
            raw = yamlMapper().treeToValue(tree, Raw.class);
        } catch (JsonMappingException e) {
            throw new IllegalArgumentException("field " + path(e) + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return validated(new ScoringConfig(
                raw.topics() == null ? List.of() : raw.topics(),
                raw.sensitiveTopics() == null ? Set.of() : new LinkedHashSet<>(raw.sensitiveTopics()),
                raw.lowConfidenceMark(), raw.trajectoryWindow(), raw.emaAlpha(), raw.previewSize(),
                raw.keepTranscript(), raw.transcriptLimit(), raw.riskWeights()));
    }

    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.length() == 0 ? "(document)" : sb.toString();
    }

    private static ScoringConfig validated(ScoringConfig c) {
        List<String> problems = new ArrayList<>();
        range(problems, "lowConfidenceMark", c.lowConfidenceMark, 0, 1);
        if (c.trajectoryWindow < 2 || c.trajectoryWindow > 50) {
            problems.add("field trajectoryWindow: must be in 2..50, was " + c.trajectoryWindow);
        }
        if (!(c.emaAlpha > 0 && c.emaAlpha <= 1)) {
            problems.add("field emaAlpha: must be in (0, 1], was " + c.emaAlpha);
        }
        if (c.previewSize < 0 || c.previewSize > 100) {
            problems.add("field previewSize: must be in 0..100, was " + c.previewSize);
        }
        if (c.transcriptLimit < 1 || c.transcriptLimit > 10_000) {
            problems.add("field transcriptLimit: must be in 1..10000, was " + c.transcriptLimit);
        }
        for (int i = 0; i < c.topics.size(); i++) {
            TopicRule t = c.topics.get(i);
            if (t.topic() == null || t.topic().isBlank()) {
                problems.add("field topics[" + i + "].topic: missing");
            }
            if (t.phrases().isEmpty()) {
                problems.add("field topics[" + i + "].phrases: at least one phrase is required");
            }
        }
        RiskWeights w = c.riskWeights;
        if (w == null) {
            problems.add("field riskWeights: missing");
        } else {
            range(problems, "riskWeights.negativity", w.negativity(), 0, 1);
            range(problems, "riskWeights.slide", w.slide(), 0, 1);
            range(problems, "riskWeights.aiDeficit", w.aiDeficit(), 0, 1);
            range(problems, "riskWeights.humanRequest", w.humanRequest(), 0, 1);
            range(problems, "riskWeights.sensitiveTopic", w.sensitiveTopic(), 0, 1);
            range(problems, "riskWeights.waiting", w.waiting(), 0, 1);
            range(problems, "riskWeights.turns", w.turns(), 0, 1);
            range(problems, "riskWeights.value", w.value(), 0, 10);
            range(problems, "riskWeights.aiConfidenceOk", w.aiConfidenceOk(), 0.01, 1);
            if (!(w.slideFull() > 0)) {
                problems.add("field riskWeights.slideFull: must be > 0, was " + w.slideFull());
            }
            if (!(w.waitingFullMinutes() > 0)) {
                problems.add("field riskWeights.waitingFullMinutes: must be > 0, was " + w.waitingFullMinutes());
            }
            if (w.turnsFrom() < 0 || w.turnsFull() <= w.turnsFrom()) {
                problems.add("field riskWeights.turnsFull: must be > turnsFrom >= 0, was "
                        + w.turnsFrom() + ".." + w.turnsFull());
            }
            w.segmentValues().forEach((seg, v) -> {
                if (v == null || !(v >= 0 && v <= 1)) {
                    problems.add("field riskWeights.segmentValues." + seg + ": must be in [0, 1], was " + v);
                }
            });
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return c;
    }

    private static void range(List<String> problems, String field, double v, double lo, double hi) {
        if (!(v >= lo && v <= hi)) {
            problems.add("field " + field + ": must be in [" + lo + ", " + hi + "], was " + v);
        }
    }
}
