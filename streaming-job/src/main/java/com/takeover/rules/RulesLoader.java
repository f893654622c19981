package com.takeover.rules;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.takeover.schema.AlertRule;
import com.takeover.schema.RuleCondition;
import com.takeover.schema.RuleScope;
import com.takeover.schema.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads alert rules from YAML or JSON (a file of rules, or one rule as carried on the alert-rules topic) into
 * the Avro {@link AlertRule}, and writes a rule back as JSON. The file format is documented in docs/scoring.md:
 * a list of rules, or a mapping with the single key {@code rules}. Field names are the Avro ones; conditions may
 * also be written as one string ({@code "sentiment_avg < -0.4"}), and {@code cooldown: 10m} may replace
 * {@code cooldownMs}. Every problem of every rule is reported at once, each naming the rule and the field.
 */
public final class RulesLoader {
    public static final String DEFAULT_RULES_RESOURCE = "com/takeover/rules/default-rules.yaml";

    private static final Set<String> RULE_KEYS = Set.of("id", "version", "enabled", "severity", "description",
            "scope", "match", "conditions", "cooldownMs", "cooldown");
    private static final Set<String> SCOPE_KEYS = Set.of("segments", "topics", "channels", "timeZone", "days",
            "fromTime", "toTime");
    private static final Set<String> CONDITION_KEYS = Set.of("signal", "operator", "threshold");
    private static final Pattern CONDITION = Pattern.compile("\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*([<>=!]+)\\s*(\\S+)\\s*");
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
    private static final ObjectMapper JSON = strict(new ObjectMapper());
    private static final ObjectMapper YAML = strict(new ObjectMapper(new YAMLFactory()));

    private RulesLoader() {}

    private static ObjectMapper strict(ObjectMapper m) {
        m.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        return m;
    }

    /** A rules file, YAML or JSON (by content: YAML reads both). */
    public static RuleSet load(Path yamlOrJson) throws IOException, RuleValidationException {
        String source = yamlOrJson.toString();
        String text;
        try {
            text = Files.readString(yamlOrJson);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(source, null, "rules file not found");
        }
        ObjectMapper mapper = source.toLowerCase(Locale.ROOT).endsWith(".json") ? JSON : YAML;
        return parse(mapper, text, source);
    }

    /** The default rule set shipped as the classpath resource {@value #DEFAULT_RULES_RESOURCE}. */
    public static RuleSet defaults() {
        try (InputStream in = RulesLoader.class.getClassLoader().getResourceAsStream(DEFAULT_RULES_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + DEFAULT_RULES_RESOURCE);
            }
            return parse(YAML, new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8),
                    DEFAULT_RULES_RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuleValidationException e) {
            throw new IllegalStateException("the shipped default rules are invalid: " + e.getMessage(), e);
        }
    }

    /** Rules from YAML or JSON text; {@code source} names it in errors. */
    public static RuleSet parse(String yamlOrJson, String source) throws RuleValidationException {
        return parse(YAML, yamlOrJson, source);
    }

    private static RuleSet parse(ObjectMapper mapper, String text, String source) throws RuleValidationException {
        JsonNode root = readTree(mapper, text, source, "rules file");
        List<String> problems = new ArrayList<>();
        JsonNode list;
        if (root == null || root.isMissingNode() || root.isNull()) {
            list = JSON.createArrayNode();
        } else if (root.isArray()) {
            list = root;
        } else if (root.isObject()) {
            Iterator<String> names = root.fieldNames();
            while (names.hasNext()) {
                String k = names.next();
                if (!k.equals("rules")) {
                    problems.add("rules file: field " + k + ": unknown top-level key (expected: rules)");
                }
            }
            list = root.path("rules");
            if (list.isMissingNode() || list.isNull()) {
                list = JSON.createArrayNode();
            } else if (!list.isArray()) {
                problems.add("rules file: field rules: must be a list of rules");
                list = JSON.createArrayNode();
            }
        } else {
            throw new RuleValidationException(source, List.of("rules file: must be a list of rules or a mapping with 'rules'"));
        }
        List<AlertRule> rules = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String fallback = "#" + (i + 1);
            List<String> p = new ArrayList<>();
            AlertRule r = parseRule(list.get(i), fallback, p);
            if (r != null) {
                String label = RuleValidator.label(r, fallback);
                p.addAll(semantic(r, label, list.get(i)));
                if (r.getId() != null && !r.getId().isBlank() && !ids.add(r.getId())) {
                    p.add("rule " + label + ": field id: duplicate id (rule #" + (i + 1) + ")");
                }
                rules.add(r);
            }
            problems.addAll(p);
        }
        if (!problems.isEmpty()) {
            throw new RuleValidationException(source, problems);
        }
        return RuleSet.of(rules);
    }

    /** One rule as JSON (the alert-rules topic's value), validated. */
    public static AlertRule parseRule(String json) throws RuleValidationException {
        JsonNode node = readTree(JSON, json, null, "rule ?");
        List<String> problems = new ArrayList<>();
        AlertRule r = parseRule(node, "?", problems);
        if (r != null) {
            problems.addAll(semantic(r, RuleValidator.label(r, "?"), node));
        }
        if (!problems.isEmpty()) {
            throw new RuleValidationException(problems);
        }
        return r;
    }

    /** The validator's problems, less "no conditions" when there were some that could not be read. */
    private static List<String> semantic(AlertRule r, String label, JsonNode node) {
        List<String> p = RuleValidator.validate(r, label);
        JsonNode cs = node.get("conditions");
        if (cs != null && cs.isArray() && cs.size() > 0) {
            p.removeIf(x -> x.endsWith("field conditions: at least one condition is required"));
        }
        return p;
    }

    /** The rule as JSON with the Avro field names; {@link #parseRule(String)} reads it back. */
    public static String toJson(AlertRule rule) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", rule.getId());
        n.put("version", rule.getVersion());
        n.put("enabled", rule.getEnabled());
        n.put("severity", rule.getSeverity() == null ? null : rule.getSeverity().name());
        n.put("description", rule.getDescription());
        RuleScope sc = rule.getScope();
        ObjectNode s = n.putObject("scope");
        strings(s.putArray("segments"), sc.getSegments());
        strings(s.putArray("topics"), sc.getTopics());
        strings(s.putArray("channels"), sc.getChannels());
        s.put("timeZone", sc.getTimeZone());
        strings(s.putArray("days"), sc.getDays());
        s.put("fromTime", sc.getFromTime());
        s.put("toTime", sc.getToTime());
        n.put("match", rule.getMatch());
        ArrayNode cs = n.putArray("conditions");
        for (RuleCondition c : rule.getConditions()) {
            cs.addObject().put("signal", c.getSignal()).put("operator", c.getOperator()).put("threshold", c.getThreshold());
        }
        n.put("cooldownMs", rule.getCooldownMs());
        try {
            return JSON.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void strings(ArrayNode a, List<String> xs) {
        if (xs != null) {
            xs.forEach(a::add);
        }
    }

    private static JsonNode readTree(ObjectMapper m, String text, String source, String what)
            throws RuleValidationException {
        try {
            return m.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            String kind = m == JSON ? "JSON" : "YAML";
            throw new RuleValidationException(source,
                    List.of(what + ": not valid " + kind + where + ": " + e.getOriginalMessage()));
        }
    }

    /** Structure and types of one rule; semantic checks are {@link RuleValidator}'s. Null if not a mapping. */
    private static AlertRule parseRule(JsonNode n, String fallback, List<String> p) {
        if (n == null || !n.isObject()) {
            p.add("rule " + fallback + ": field (rule): must be a mapping of fields, was " + kind(n));
            return null;
        }
        JsonNode idNode = n.get("id");
        String id = idNode != null && idNode.isTextual() ? idNode.asText() : null;
        String label = id == null || id.isBlank() ? fallback : id;
        String pre = "rule " + label + ": field ";
        unknownKeys(n, RULE_KEYS, pre, "", p);
        if (idNode != null && !idNode.isTextual() && !idNode.isNull()) {
            p.add(pre + "id: must be a string, was " + kind(idNode));
        }

        int version = 1;
        JsonNode v = n.get("version");
        if (v == null || v.isNull()) {
            p.add(pre + "version: missing");
        } else if (v.canConvertToInt() && v.isIntegralNumber()) {
            version = v.intValue();
        } else {
            p.add(pre + "version: must be an integer >= 1, was " + v);
        }

        boolean enabled = true;
        JsonNode en = n.get("enabled");
        if (en != null && !en.isNull()) {
            if (en.isBoolean()) {
                enabled = en.booleanValue();
            } else {
                p.add(pre + "enabled: must be true or false, was " + en);
            }
        }

        Severity severity = Severity.MEDIUM;
        JsonNode sev = n.get("severity");
        if (sev == null || sev.isNull()) {
            p.add(pre + "severity: missing");
        } else {
            Severity s = severity(sev.asText());
            if (!sev.isTextual() || s == null) {
                p.add(pre + "severity: unknown severity '" + sev.asText() + "' (LOW, MEDIUM, HIGH, CRITICAL)");
            } else {
                severity = s;
            }
        }

        String description = text(n, "description", "", pre, p);
        String match = text(n, "match", "all", pre, p);

        List<RuleCondition> conditions = new ArrayList<>();
        JsonNode cs = n.get("conditions");
        if (cs != null && !cs.isNull()) {
            if (!cs.isArray()) {
                p.add(pre + "conditions: must be a list of conditions");
            } else {
                for (int i = 0; i < cs.size(); i++) {
                    RuleCondition c = condition(cs.get(i), pre + "conditions[" + i + "]", p);
                    if (c != null) {
                        conditions.add(c);
                    }
                }
            }
        }

        long cooldownMs = 600_000L;
        JsonNode cm = n.get("cooldownMs");
        JsonNode cd = n.get("cooldown");
        if (cm != null && cd != null) {
            p.add(pre + "cooldown: give either cooldown or cooldownMs, not both");
        } else if (cm != null && !cm.isNull()) {
            if (cm.isIntegralNumber() && cm.canConvertToLong()) {
                cooldownMs = cm.longValue();
            } else {
                p.add(pre + "cooldownMs: must be an integer number of milliseconds, was " + cm);
            }
        } else if (cd != null && !cd.isNull()) {
            Matcher m = DURATION.matcher(cd.asText().trim());
            if (!cd.isTextual() || !m.matches()) {
                p.add(pre + "cooldown: must be a duration like 90s, 10m, 2h or 1d, was '" + cd.asText() + "'");
            } else {
                long amount = Long.parseLong(m.group(1));
                cooldownMs = switch (m.group(2)) {
                    case "ms" -> amount;
                    case "s" -> amount * 1_000L;
                    case "m" -> amount * 60_000L;
                    case "h" -> amount * 3_600_000L;
                    default -> amount * 86_400_000L;
                };
            }
        }

        RuleScope scope = scope(n.get("scope"), pre, p);

        AlertRule.Builder b = AlertRule.newBuilder()
                .setId(id == null ? "" : id)
                .setVersion(version)
                .setEnabled(enabled)
                .setSeverity(severity)
                .setDescription(description)
                .setScope(scope)
                .setMatch(match)
                .setConditions(conditions)
                .setCooldownMs(cooldownMs);
        return b.build();
    }

    private static RuleScope scope(JsonNode n, String pre, List<String> p) {
        RuleScope.Builder b = RuleScope.newBuilder();
        if (n == null || n.isNull()) {
            return b.build();
        }
        if (!n.isObject()) {
            p.add(pre + "scope: must be a mapping, was " + kind(n));
            return b.build();
        }
        unknownKeys(n, SCOPE_KEYS, pre, "scope.", p);
        b.setSegments(stringList(n.get("segments"), pre + "scope.segments", p));
        b.setTopics(stringList(n.get("topics"), pre + "scope.topics", p));
        b.setChannels(stringList(n.get("channels"), pre + "scope.channels", p));
        b.setDays(stringList(n.get("days"), pre + "scope.days", p));
        b.setTimeZone(text(n, "timeZone", "UTC", pre + "scope.", p));
        b.setFromTime(time(n.get("fromTime"), pre + "scope.fromTime", p));
        b.setToTime(time(n.get("toTime"), pre + "scope.toTime", p));
        return b.build();
    }

    private static String time(JsonNode n, String field, List<String> p) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            p.add(field + ": must be HH:mm as a quoted string, was " + n);
            return null;
        }
        return n.asText().trim();
    }

    private static RuleCondition condition(JsonNode n, String field, List<String> p) {
        if (n != null && n.isTextual()) {
            Matcher m = CONDITION.matcher(n.asText());
            if (!m.matches()) {
                p.add(field + ": cannot read '" + n.asText() + "' (expected e.g. 'sentiment_avg < -0.4')");
                return null;
            }
            Double t = threshold(m.group(3));
            if (t == null) {
                p.add(field + ".threshold: must be a number, true or false, was '" + m.group(3) + "'");
                return null;
            }
            return new RuleCondition(m.group(1), m.group(2), t);
        }
        if (n == null || !n.isObject()) {
            p.add(field + ": must be 'signal operator threshold' or a mapping, was " + kind(n));
            return null;
        }
        unknownKeys(n, CONDITION_KEYS, field.substring(0, field.indexOf("field ") + 6),
                field.substring(field.indexOf("field ") + 6) + ".", p);
        int before = p.size();
        if (!n.hasNonNull("signal")) {
            p.add(field + ".signal: missing");
        }
        if (!n.hasNonNull("operator")) {
            p.add(field + ".operator: missing");
        }
        String signal = text(n, "signal", null, field + ".", p);
        String op = text(n, "operator", null, field + ".", p);
        JsonNode t = n.get("threshold");
        Double threshold = null;
        if (t == null || t.isNull()) {
            p.add(field + ".threshold: missing");
        } else if (t.isNumber()) {
            threshold = t.doubleValue();
        } else if (t.isBoolean()) {
            threshold = t.booleanValue() ? 1.0 : 0.0;
        } else {
            p.add(field + ".threshold: must be a number, true or false, was " + t);
        }
        if (p.size() > before) {
            return null;
        }
        return new RuleCondition(signal, op, threshold);
    }

    private static Double threshold(String s) {
        if (s.equalsIgnoreCase("true")) {
            return 1.0;
        }
        if (s.equalsIgnoreCase("false")) {
            return 0.0;
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Severity severity(String s) {
        for (Severity v : Severity.values()) {
            if (v.name().equalsIgnoreCase(s.trim())) {
                return v;
            }
        }
        return null;
    }

    /** A string field; a wrong type is a problem and yields the default. */
    private static String text(JsonNode n, String key, String dflt, String pre, List<String> p) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (!v.isTextual()) {
            p.add(pre + key + ": must be a string, was " + v);
            return dflt;
        }
        return v.asText();
    }

    /** A list of strings; a single string is read as a list of one. */
    private static List<String> stringList(JsonNode n, String field, List<String> p) {
        List<String> out = new ArrayList<>();
        if (n == null || n.isNull()) {
            return out;
        }
        if (n.isTextual()) {
            out.add(n.asText());
            return out;
        }
        if (!n.isArray()) {
            p.add(field + ": must be a list of strings, was " + kind(n));
            return out;
        }
        for (int i = 0; i < n.size(); i++) {
            JsonNode x = n.get(i);
            if (x.isTextual()) {
                out.add(x.asText());
            } else {
                p.add(field + "[" + i + "]: must be a string, was " + x);
            }
        }
        return out;
    }

    private static void unknownKeys(JsonNode n, Set<String> known, String pre, String path, List<String> p) {
        Iterator<Map.Entry<String, JsonNode>> it = n.fields();
        while (it.hasNext()) {
            String k = it.next().getKey();
            if (!known.contains(k)) {
                p.add(pre + path + k + ": unknown field");
            }
        }
    }

    private static String kind(JsonNode n) {
        if (n == null || n.isMissingNode()) {
            return "nothing";
        }
        if (n.isObject()) {
            return "a mapping";
        }
        if (n.isArray()) {
            return "a list";
        }
        return n.toString();
    }
}
