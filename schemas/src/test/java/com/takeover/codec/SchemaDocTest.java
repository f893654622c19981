package com.takeover.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** The schemas are the contracts data teams read: every record, enum and field says what it is. */
class SchemaDocTest {

    @Test
    void everyFieldOfEverySchemaHasADoc() {
        Map<String, Schema> files = SchemaFiles.load(SchemaFiles.mainSchemas());
        assertThat(files).containsKeys("ConversationEvent.avsc", "TakeoverAlert.avsc", "AlertRule.avsc", "AlertRuleSet.avsc",
                "ConversationSummary.avsc", "ResolutionOutcome.avsc", "TakeoverRecord.avsc", "common/SignalSnapshot.avsc");
        Map<String, Schema> named = SchemaFiles.namedTypes(files.values());
        // nested records (payload kinds, RuleScope, RuleCondition) are walked too
        assertThat(named).containsKeys("com.takeover.schema.CustomerMessage", "com.takeover.schema.RuleScope",
                "com.takeover.schema.RuleCondition", "com.takeover.schema.TakeoverTrigger");
        assertThat(fieldCount(named)).isGreaterThan(100);

        assertThat(undocumented(named)).as("fields and types without a doc").isEmpty();
    }

    @Test
    void theCheckFindsAMissingDocInANestedRecord() {
        Schema schema = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"Outer\",\"doc\":\"o\",\"fields\":["
                + "{\"name\":\"ok\",\"type\":\"string\",\"doc\":\"fine\"},"
                + "{\"name\":\"items\",\"doc\":\"list\",\"type\":{\"type\":\"array\",\"items\":{\"type\":\"record\",\"name\":\"Inner\","
                + "\"doc\":\"i\",\"fields\":[{\"name\":\"bare\",\"type\":\"int\"},{\"name\":\"blank\",\"type\":\"int\",\"doc\":\" \"}]}}},"
                + "{\"name\":\"kind\",\"doc\":\"k\",\"type\":[\"null\",{\"type\":\"enum\",\"name\":\"Kind\",\"symbols\":[\"A\"]}]}]}");
        assertThat(undocumented(SchemaFiles.namedTypes(List.of(schema)))).containsExactly("Inner.bare", "Inner.blank", "Kind (the enum itself)");
    }

    static List<String> undocumented(Map<String, Schema> named) {
        List<String> missing = new ArrayList<>();
        for (Schema type : named.values()) {
            if (isBlank(type.getDoc())) {
                missing.add(type.getName() + " (the " + type.getType().getName() + " itself)");
            }
            if (type.getType() == Schema.Type.RECORD) {
                for (Schema.Field f : type.getFields()) {
                    if (isBlank(f.doc())) {
                        missing.add(type.getName() + "." + f.name());
                    }
                }
            }
        }
        return missing;
    }

    private static int fieldCount(Map<String, Schema> named) {
        return named.values().stream().filter(s -> s.getType() == Schema.Type.RECORD).mapToInt(s -> s.getFields().size()).sum();
    }

    private static boolean isBlank(String doc) {
        return doc == null || doc.isBlank();
    }
}
