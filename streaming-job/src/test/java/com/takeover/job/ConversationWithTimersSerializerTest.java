package com.takeover.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.takeover.rules.AlertFactory;
import com.takeover.rules.RuleEvaluator;
import com.takeover.rules.RuleSet;
import com.takeover.rules.RulesLoader;
import com.takeover.schema.ConversationEvent;
import com.takeover.schema.EndedBy;
import com.takeover.scoring.ConversationScorer;
import com.takeover.scoring.ConversationState;
import com.takeover.scoring.ScoringConfig;
import com.takeover.scoring.SnapshotState;
import com.takeover.testing.Events;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputViewStreamWrapper;
import org.apache.flink.testutils.DeeplyEqualsChecker;
import org.junit.jupiter.api.Test;

/**
 * The keyed state's serializer: Flink's contract tests for a {@code TypeSerializer} (copy, sequences, reuse,
 * duplicate, snapshot and restore) over real and synthetic states, plus what that base cannot know: that every
 * field of the state classes is carried (a field added without the serializer fails here, by name), that
 * copies are deep, and how stored state of other formats resolves.
 */
class ConversationWithTimersSerializerTest extends SerializerTestBase<ConversationWithTimers> {

    ConversationWithTimersSerializerTest() {
        super(new DeeplyEqualsChecker().withCustomCheck(
                (a, b) -> a instanceof ConversationWithTimers && b instanceof ConversationWithTimers,
                (a, b, checker) -> sameFields(a, b)));
    }

    @Override
    protected TypeSerializer<ConversationWithTimers> createSerializer() {
        return new ConversationWithTimersSerializer();
    }

    @Override
    protected int getLength() {
        return -1;
    }

    @Override
    protected Class<ConversationWithTimers> getTypeClass() {
        return ConversationWithTimers.class;
    }

    @Override
    protected ConversationWithTimers[] getTestData() {
        ConversationWithTimers removed = new ConversationWithTimers();
        removed.cleanupTimer = 42L;
        ConversationWithTimers fresh = new ConversationWithTimers(new ConversationState("fresh"));
        fresh.checkTimer = 1_000L;
        return new ConversationWithTimers[] {scored(), everyFieldSet(), removed, fresh, longText(), endedOnly()};
    }

    // ---- what the contract tests cannot see --------------------------------------------------

    @Test
    void everyFieldOfTheStateClassesSurvivesARoundTripAndACopy() throws Exception {
        ConversationWithTimers full = everyFieldSet();
        ConversationWithTimersSerializer ser = new ConversationWithTimersSerializer();
        DataOutputSerializer out = new DataOutputSerializer(256);
        ser.serialize(full, out);
        ConversationWithTimers back = ser.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
        assertEveryField(full, back, "round trip");
        assertEveryField(full, ser.copy(full), "copy");
    }

    @Test
    void aCopySharesNoMutableArrayWithItsOriginal() {
        ConversationWithTimers original = everyFieldSet();
        ConversationWithTimers copy = new ConversationWithTimersSerializer().copy(original);
        copy.conversation.previewTexts[0] = "changed";
        copy.conversation.previewTimes[0] = -1;
        copy.conversation.sentimentWindow[0] = 9;
        copy.conversation.firedRuleTimes[0] = -1;
        copy.conversation.decisionSnapshot.risk = 99;
        assertThat(original.conversation.previewTexts[0]).isNotEqualTo("changed");
        assertThat(original.conversation.previewTimes[0]).isNotEqualTo(-1);
        assertThat(original.conversation.sentimentWindow[0]).isNotEqualTo(9);
        assertThat(original.conversation.firedRuleTimes[0]).isNotEqualTo(-1);
        assertThat(original.conversation.decisionSnapshot.risk).isNotEqualTo(99);
    }

    @Test
    void aCheckpointStreamGetsTheSameBytesAsAMemoryBuffer() throws Exception {
        ConversationWithTimersSerializer ser = new ConversationWithTimersSerializer();
        for (ConversationWithTimers c : getTestData()) {
            DataOutputSerializer memory = new DataOutputSerializer(64);
            ser.serialize(c, memory);
            ByteArrayOutputStream stream = new ByteArrayOutputStream();
            ser.serialize(c, new DataOutputViewStreamWrapper(stream));
            assertThat(stream.toByteArray()).isEqualTo(memory.getCopyOfBuffer());
        }
    }

    @Test
    void stateOfThePojoSerializerIsMigratedAndOurOwnReadAsItIs() throws Exception {
        TypeSerializerSnapshot<ConversationWithTimers> ours = new ConversationWithTimersSerializer().snapshotConfiguration();
        TypeSerializerSnapshot<ConversationWithTimers> pojo = TypeInformation.of(ConversationWithTimers.class)
                .createSerializer(new SerializerConfigImpl()).snapshotConfiguration();
        assertThat(ours.resolveSchemaCompatibility(pojo).isCompatibleAfterMigration()).isTrue();
        assertThat(ours.resolveSchemaCompatibility(writtenAndRead(ours)).isCompatibleAsIs()).isTrue();
        // and the POJO serializer reads what earlier versions wrote: the migration's first half
        ConversationWithTimers c = scored();
        DataOutputSerializer out = new DataOutputSerializer(256);
        pojo.restoreSerializer().serialize(c, out);
        assertEveryField(c, pojo.restoreSerializer().deserialize(new DataInputDeserializer(out.getCopyOfBuffer())),
                "POJO round trip");
    }

    @Test
    void enumSymbolsAppendedKeepStoredStateReadableAndReorderedOnesAreRefused() throws Exception {
        TypeSerializerSnapshot<ConversationWithTimers> now = new ConversationWithTimersSerializer().snapshotConfiguration();
        String[] endedBy = names(EndedBy.values());
        String[] fewer = java.util.Arrays.copyOf(endedBy, endedBy.length - 1);
        String[] reordered = endedBy.clone();
        reordered[0] = endedBy[1];
        reordered[1] = endedBy[0];
        assertThat(now.resolveSchemaCompatibility(storedWithEndedBy(fewer)).isCompatibleAsIs())
                .as("a symbol added since").isTrue();
        TypeSerializerSchemaCompatibility<ConversationWithTimers> swapped =
                now.resolveSchemaCompatibility(storedWithEndedBy(reordered));
        assertThat(swapped.isIncompatible()).as("symbols reordered since").isTrue();
    }

    @Test
    void anEnumNumberBeyondTheSymbolsIsNamedInTheError() throws Exception {
        ConversationWithTimers c = scored();
        c.conversation.endedBy = EndedBy.values()[EndedBy.values().length - 1];
        DataOutputSerializer out = new DataOutputSerializer(256);
        new ConversationWithTimersSerializer().serialize(c, out);
        byte[] bytes = out.getCopyOfBuffer();
        // corrupt the endedBy byte: find it by writing the state once more with endedBy null
        c.conversation.endedBy = null;
        DataOutputSerializer without = new DataOutputSerializer(256);
        new ConversationWithTimersSerializer().serialize(c, without);
        byte[] other = without.getCopyOfBuffer();
        int at = 0;
        while (bytes[at] == other[at]) {
            at++;
        }
        bytes[at] = (byte) 100;
        assertThatThrownBy(() -> new ConversationWithTimersSerializer().deserialize(new DataInputDeserializer(bytes)))
                .hasMessageContaining("endedBy").hasMessageContaining("EndedBy");
    }

    @Test
    void anEndedConversationIsItsTimerTimesAndItsEndTime() throws Exception {
        ConversationWithTimers ended = endedOnly();
        assertThat(serializedSize(ended)).as("three timer times, the presence byte, the end time").isEqualTo(33);
        assertThat(serializedSize(scored())).isGreaterThan(800);
        ConversationWithTimers read = roundTrip(ended);
        assertThat(read.conversation).isNull();
        assertThat(read.endedAt).isEqualTo(ended.endedAt);
        assertThat(read.cleanupTimer).isEqualTo(ended.cleanupTimer);
    }

    @Test
    void stateOfFormatOneReadsAsItIsAndAnUnknownFormatIsRefused() throws Exception {
        // Format 1 wrote a boolean where format 2 writes its presence bits: 0 (removed) or 1 (the conversation).
        DataOutputSerializer removed = new DataOutputSerializer(32);
        removed.writeLong(10L);
        removed.writeLong(ConversationWithTimers.NONE);
        removed.writeLong(20L);
        removed.writeBoolean(false);
        ConversationWithTimers read = new ConversationWithTimersSerializer()
                .deserialize(new DataInputDeserializer(removed.getCopyOfBuffer()));
        assertThat(read.isRemoved()).isTrue();
        assertThat(read.checkTimer).isEqualTo(10L);
        assertThat(read.cleanupTimer).isEqualTo(20L);
        assertThat(read.endedAt).isEqualTo(ConversationWithTimers.NONE);
        DataOutputSerializer open = new DataOutputSerializer(1024);
        new ConversationWithTimersSerializer().serialize(scored(), open);
        assertThat(open.getSharedBuffer()[24]).as("format 1's boolean 'a conversation follows'").isEqualTo((byte) 1);

        TypeSerializerSnapshot<ConversationWithTimers> now = new ConversationWithTimersSerializer().snapshotConfiguration();
        assertThat(now.resolveSchemaCompatibility(stored(1, names(EndedBy.values()))).isCompatibleAsIs()).isTrue();
        assertThatThrownBy(() -> stored(ConversationWithTimersSerializer.VERSION + 1, names(EndedBy.values())))
                .hasMessageContaining("conversation state format 3 is unknown");
    }

    private static ConversationWithTimers roundTrip(ConversationWithTimers c) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(256);
        new ConversationWithTimersSerializer().serialize(c, out);
        return new ConversationWithTimersSerializer().deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }

    private static int serializedSize(ConversationWithTimers c) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(1024);
        new ConversationWithTimersSerializer().serialize(c, out);
        return out.length();
    }

    // ---- fixtures ----------------------------------------------------------------------------

    /** A conversation as the scorer leaves it: alerts, a takeover and hand-back, the end, a transcript. */
    private static ConversationWithTimers scored() {
        ConversationScorer scorer = Events.scriptedScorer(ScoringConfig.defaults().withKeepTranscript(true));
        RuleEvaluator evaluator = new RuleEvaluator(scorer);
        RuleSet rules = RulesLoader.defaults();
        ConversationState s = new ConversationState();
        Events.Conversation c = Events.conversation("ser-1");
        for (ConversationEvent e : List.of(c.started("vip"), c.after(10).customer("charged twice [s=-0.5] [human]"),
                c.after(5).ai("sorry", 0.2, "billing_dispute"), c.after(5).takeover(), c.after(5).handBack(),
                c.after(5).customer("ça va pas 😡 [s=-0.7]"), c.after(5).ended(EndedBy.AI))) {
            scorer.apply(s, e);
            evaluator.evaluate(s, rules, e.getEventTime())
                    .forEach(f -> new AlertFactory().create(s, f, e.getEventId(), e.getEventTime(), 0.5));
        }
        assertThat(s.alertCount).isPositive();
        assertThat(s.decisionSnapshot).isNotNull();
        ConversationWithTimers out = new ConversationWithTimers(s);
        out.checkTimer = c.now() + 60_000;
        out.checkDue = c.now() + 120_000;
        out.cleanupTimer = c.now() + 600_000;
        return out;
    }

    /** An ended conversation waiting out its grace: its summary written, its state dropped. */
    private static ConversationWithTimers endedOnly() {
        ConversationWithTimers c = scored();
        c.checkTimer = ConversationWithTimers.NONE;
        c.checkDue = ConversationWithTimers.NONE;
        c.closeEnded(c.conversation.endTime);
        return c;
    }

    private static ConversationWithTimers longText() {
        ConversationWithTimers c = new ConversationWithTimers(new ConversationState("long"));
        c.conversation.previewTexts = new String[] {"é".repeat(40_000), null};
        c.conversation.previewTimes = new long[] {1L, 0L};
        c.conversation.previewSpeakers = new int[] {0, 0};
        c.conversation.previewCount = 1;
        return c;
    }

    /** Every public field of the state classes set to a value other than its default (nulls inside arrays too). */
    static ConversationWithTimers everyFieldSet() {
        try {
            ConversationWithTimers c = fill(new ConversationWithTimers(), 1);
            c.conversation = fill(new ConversationState(), 100);
            return c;
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    private static <T> T fill(T target, int seed) throws ReflectiveOperationException {
        int n = seed;
        for (Field f : stateFields(target.getClass())) {
            n++;
            Class<?> t = f.getType();
            Object v;
            if (t == String.class) {
                v = f.getName() + " ü😀 " + n;
            } else if (t == boolean.class || t == Boolean.class) {
                v = true;
            } else if (t == int.class || t == Integer.class) {
                v = n;
            } else if (t == long.class || t == Long.class) {
                v = 1_700_000_000_000L + n;
            } else if (t == double.class || t == Double.class) {
                v = n + 0.25;
            } else if (t == String[].class) {
                v = new String[] {f.getName() + n, null, "x"};
            } else if (t == long[].class) {
                v = new long[] {n, Long.MIN_VALUE, Long.MAX_VALUE};
            } else if (t == int[].class) {
                v = new int[] {n, 0, 300};
            } else if (t == double[].class) {
                v = new double[] {n, -0.5, Double.NaN};
            } else if (t.isEnum()) {
                Object[] symbols = t.getEnumConstants();
                v = symbols[symbols.length - 1];
            } else if (t == SnapshotState.class) {
                v = fill(new SnapshotState(), n * 10);
            } else if (t == ConversationState.class) {
                continue; // set by the caller
            } else {
                fail("%s.%s has type %s: teach ConversationWithTimersSerializer (and this test) about it",
                        target.getClass().getSimpleName(), f.getName(), t.getName());
                return null;
            }
            f.set(target, v);
        }
        return target;
    }

    private static List<Field> stateFields(Class<?> type) {
        return java.util.Arrays.stream(type.getDeclaredFields())
                .filter(f -> Modifier.isPublic(f.getModifiers()) && !Modifier.isStatic(f.getModifiers()))
                .toList();
    }

    /** Field by field, naming the first one that differs. */
    private static void assertEveryField(Object expected, Object actual, String how) throws IllegalAccessException {
        for (Field f : stateFields(expected.getClass())) {
            Object e = f.get(expected);
            Object a = f.get(actual);
            if (e instanceof ConversationState || e instanceof SnapshotState) {
                assertThat(a).as("%s: %s", how, f.getName()).isNotNull();
                assertEveryField(e, a, how);
            } else {
                assertThat(a).as("%s: %s.%s", how, expected.getClass().getSimpleName(), f.getName()).isEqualTo(e);
            }
        }
    }

    private static boolean sameFields(Object a, Object b) {
        try {
            assertEveryField(a, b, "deep equals");
            return true;
        } catch (AssertionError | IllegalAccessException e) {
            return false;
        }
    }

    private static TypeSerializerSnapshot<ConversationWithTimers> writtenAndRead(
            TypeSerializerSnapshot<ConversationWithTimers> snapshot) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, snapshot);
        return TypeSerializerSnapshot.readVersionedSnapshot(new DataInputDeserializer(out.getCopyOfBuffer()),
                getClassLoader());
    }

    private static ClassLoader getClassLoader() {
        return ConversationWithTimersSerializerTest.class.getClassLoader();
    }

    /** A stored snapshot whose EndedBy symbols were {@code endedBy}, the other enums as now. */
    private static TypeSerializerSnapshot<ConversationWithTimers> storedWithEndedBy(String[] endedBy) throws Exception {
        return stored(ConversationWithTimersSerializer.VERSION, endedBy);
    }

    /** A stored snapshot of format {@code version} whose EndedBy symbols were {@code endedBy}, the other enums as now. */
    private static TypeSerializerSnapshot<ConversationWithTimers> stored(int version, String[] endedBy) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(256);
        writeSymbols(endedBy, out);
        writeSymbols(names(com.takeover.schema.TakeoverTrigger.values()), out);
        writeSymbols(names(com.takeover.schema.TakeoverMode.values()), out);
        ConversationWithTimersSerializer.Snapshot stored = new ConversationWithTimersSerializer.Snapshot();
        stored.readSnapshot(version, new DataInputDeserializer(out.getCopyOfBuffer()),
                getClassLoader());
        return stored;
    }

    private static void writeSymbols(String[] symbols, DataOutputSerializer out) throws Exception {
        out.writeInt(symbols.length);
        for (String s : symbols) {
            out.writeUTF(s);
        }
    }

    private static String[] names(Enum<?>[] values) {
        return java.util.Arrays.stream(values).map(Enum::name).toArray(String[]::new);
    }
}
