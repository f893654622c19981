package com.takeover.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.takeover.rules.AlertFactory;
import com.takeover.rules.RuleEvaluator;
import com.takeover.rules.RuleSet;
import com.takeover.rules.RulesLoader;
import com.takeover.schema.EndedBy;
import com.takeover.testing.Events;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.GenericTypeInfo;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** The state must stay a Flink POJO (no Kryo fallback), and the scoring objects must ship by Java serialization. */
class ConversationStateTypeTest {

    @Test
    void conversationStateIsAFlinkPojoWithoutGenericFields() {
        TypeInformation<ConversationState> info = TypeInformation.of(ConversationState.class);
        assertThat(info).isInstanceOf(PojoTypeInfo.class);
        PojoTypeInfo<ConversationState> pojo = (PojoTypeInfo<ConversationState>) info;
        for (int i = 0; i < pojo.getArity(); i++) {
            assertThat(pojo.getPojoFieldAt(i).getTypeInformation())
                    .as("field %s", pojo.getPojoFieldAt(i).getField().getName())
                    .isNotInstanceOf(GenericTypeInfo.class);
        }
        assertThat(TypeInformation.of(SnapshotState.class)).isInstanceOf(PojoTypeInfo.class);
    }

    @Test
    void flinkSerializerRoundTripsAFullState() throws Exception {
        ConversationScorer scorer = Events.scriptedScorer(ScoringConfig.defaults().withKeepTranscript(true));
        RuleEvaluator evaluator = new RuleEvaluator(scorer);
        RuleSet rules = RulesLoader.defaults();
        ConversationState s = new ConversationState();
        Events.Conversation c = Events.conversation("pojo");
        for (var e : java.util.List.of(c.started("vip"), c.after(10).customer("charged twice [s=-0.5] [human]"),
                c.after(5).ai("sorry", 0.2, "billing_dispute"), c.after(5).takeover(), c.after(5).handBack(),
                c.after(5).ended(EndedBy.AI))) {
            scorer.apply(s, e);
            evaluator.evaluate(s, rules, e.getEventTime())
                    .forEach(f -> new AlertFactory().create(s, f, e.getEventId(), e.getEventTime(), 0.5));
        }
        TypeSerializer<ConversationState> ser = TypeInformation.of(ConversationState.class)
                .createSerializer(new SerializerConfigImpl());
        DataOutputSerializer out = new DataOutputSerializer(256);
        ser.serialize(s, out);
        ConversationState back = ser.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
        assertThat(back).usingRecursiveComparison().isEqualTo(s);
        assertThat(back.alertRules()).containsExactly("human-requested", "vip-unhappy", "low-ai-confidence");
    }

    @Test
    void scoringObjectsSurviveJavaSerialization() throws Exception {
        RuleSet rules = RulesLoader.defaults();
        RuleEvaluator evaluator = new RuleEvaluator(ConversationScorer.withDefaults());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(rules);
            out.writeObject(evaluator);
            out.writeObject(new AlertFactory());
            out.writeObject(ScoringConfig.defaults());
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            RuleSet back = (RuleSet) in.readObject();
            assertThat(back.rules()).isEqualTo(rules.rules());
            assertThat(in.readObject()).isInstanceOf(RuleEvaluator.class);
            assertThat(in.readObject()).isInstanceOf(AlertFactory.class);
            ScoringConfig cfg = (ScoringConfig) in.readObject();
            assertThat(cfg.topicClassifier().classify("I want a refund")).isEqualTo("refund");
        }
    }
}
