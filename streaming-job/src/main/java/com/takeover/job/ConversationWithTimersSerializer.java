package com.takeover.job;

import com.takeover.schema.EndedBy;
import com.takeover.schema.TakeoverMode;
import com.takeover.schema.TakeoverTrigger;
import com.takeover.scoring.ConversationState;
import com.takeover.scoring.SnapshotState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.java.typeutils.runtime.PojoSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The keyed state's serializer: a conversation and its timer times written field by field in a fixed order,
 * strings as length-prefixed UTF-8 in one write each, arrays in bulk. Flink's POJO serializer wrote the same
 * state with a null flag and a per-character string encoding per field; every checkpoint of the heap backend
 * writes every open conversation, so its cost is paid each checkpoint (and, for entries touched while one
 * runs, by the copy-on-write {@link #copy}).
 *
 * <p><b>Changing the format.</b> A field added to {@link ConversationState}, {@link SnapshotState} or
 * {@link ConversationWithTimers} must be added here, in {@link #serialize}, {@link #deserialize} and
 * {@link #copy}, under a new {@link Snapshot#getCurrentVersion() version} whose reader still reads the old
 * layout; {@code ConversationWithTimersSerializerTest} fails on a field this class does not carry. State
 * written by the POJO serializer (savepoints before this class) is read by that serializer and rewritten in
 * this format: the heap backend holds the objects, so the migration costs nothing; RocksDB rewrites every
 * stored conversation once, when the restored job first opens the state.
 *
 * <p><b>On RocksDB</b> ({@code state-backend=rocksdb}) every state read is a {@link #deserialize} into a new
 * object and every write a {@link #serialize} into a {@link DataOutputSerializer}; {@link #copy} is not used
 * on that path. The serializer keeps no per-instance state (the staging buffer is per thread), so
 * {@link #duplicate} may return itself.
 */
public final class ConversationWithTimersSerializer extends TypeSerializer<ConversationWithTimers> {
    private static final long serialVersionUID = 1L;

    static final ConversationWithTimersSerializer INSTANCE = new ConversationWithTimersSerializer();

    /**
     * Format version, written in the snapshot (not per record). 2 added the end time of an ended conversation
     * (whose state is then dropped); a record of format 1 is a record of format 2 without it, so both read alike.
     */
    static final int VERSION = 2;
    static final int FIRST_VERSION = 1;

    // The byte after the timer times: which of the conversation and its end time follow. Format 1 wrote a
    // boolean there (1 = the conversation follows).
    private static final int HAS_CONVERSATION = 1;
    private static final int HAS_ENDED_AT = 1 << 1;

    /** Per thread (serializers run on the task thread and the snapshot thread); a rare huge state not kept. */
    private static final ThreadLocal<DataOutputSerializer> STAGING =
            ThreadLocal.withInitial(() -> new DataOutputSerializer(4096));
    private static final int MAX_KEPT_STAGING = 1 << 16;

    // Bits of the flags word: booleans, then which nullable fields are present.
    private static final int START_SEEN = 1;
    private static final int SENSITIVE = 1 << 1;
    private static final int HUMAN_REQUESTED = 1 << 2;
    private static final int HUMAN_REQUEST_OPEN = 1 << 3;
    private static final int TAKEN_OVER = 1 << 4;
    private static final int EVER_TAKEN_OVER = 1 << 5;
    private static final int HANDED_BACK = 1 << 6;
    private static final int ENDED = 1 << 7;
    private static final int DECISION_AT_TAKEOVER = 1 << 8;
    private static final int HAS_CUSTOMER_VALUE = 1 << 9;
    private static final int HAS_LAST_CUSTOMER_MESSAGE_TIME = 1 << 10;
    private static final int HAS_LAST_ANSWER_TIME = 1 << 11;
    private static final int HAS_WAITING_SINCE = 1 << 12;
    private static final int HAS_TAKEOVER_TIME = 1 << 13;
    private static final int HAS_END_TIME = 1 << 14;
    private static final int HAS_FIRST_ALERT_TIME = 1 << 15;
    private static final int HAS_LAST_TAKEOVER_SNAPSHOT = 1 << 16;
    private static final int HAS_DECISION_SNAPSHOT = 1 << 17;

    // Bits of a snapshot's flags byte.
    private static final int S_HUMAN_REQUESTED = 1;
    private static final int S_SENSITIVE = 1 << 1;
    private static final int S_SENTIMENT_LAST = 1 << 2;
    private static final int S_SENTIMENT_AVG = 1 << 3;
    private static final int S_SENTIMENT_MIN = 1 << 4;
    private static final int S_SENTIMENT_SLOPE = 1 << 5;
    private static final int S_AI_CONFIDENCE_LAST = 1 << 6;
    private static final int S_AI_CONFIDENCE_MIN = 1 << 7;
    private static final int S_AI_CONFIDENCE_AVG = 1 << 8;

    private static final EndedBy[] ENDED_BY = EndedBy.values();
    private static final TakeoverTrigger[] TRIGGERS = TakeoverTrigger.values();
    private static final TakeoverMode[] MODES = TakeoverMode.values();

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public TypeSerializer<ConversationWithTimers> duplicate() {
        return this; // stateless
    }

    @Override
    public ConversationWithTimers createInstance() {
        return new ConversationWithTimers();
    }

    @Override
    public int getLength() {
        return -1;
    }

    // ---- copy ------------------------------------------------------------------------------

    @Override
    public ConversationWithTimers copy(ConversationWithTimers from) {
        ConversationWithTimers to = new ConversationWithTimers(from.conversation == null ? null : copy(from.conversation));
        to.checkTimer = from.checkTimer;
        to.checkDue = from.checkDue;
        to.cleanupTimer = from.cleanupTimer;
        to.endedAt = from.endedAt;
        return to;
    }

    @Override
    public ConversationWithTimers copy(ConversationWithTimers from, ConversationWithTimers reuse) {
        return copy(from);
    }

    static ConversationState copy(ConversationState f) {
        ConversationState t = new ConversationState();
        t.conversationId = f.conversationId;
        t.startSeen = f.startSeen;
        t.customerId = f.customerId;
        t.segment = f.segment;
        t.channel = f.channel;
        t.customerValue = f.customerValue;
        t.language = f.language;
        t.startTime = f.startTime;
        t.lastEventTime = f.lastEventTime;
        t.events = f.events;
        t.lastEventId = f.lastEventId;
        t.lastCustomerMessageTime = f.lastCustomerMessageTime;
        t.lastAnswerTime = f.lastAnswerTime;
        t.waitingSince = f.waitingSince;
        t.customerMessages = f.customerMessages;
        t.aiMessages = f.aiMessages;
        t.agentMessages = f.agentMessages;
        t.lowConfidenceAnswers = f.lowConfidenceAnswers;
        t.sentimentCount = f.sentimentCount;
        t.sentimentEma = f.sentimentEma;
        t.sentimentMin = f.sentimentMin;
        t.sentimentLast = f.sentimentLast;
        t.sentimentWindow = f.sentimentWindow == null ? null : f.sentimentWindow.clone();
        t.sentimentWindowCount = f.sentimentWindowCount;
        t.aiConfidenceLast = f.aiConfidenceLast;
        t.aiConfidenceMin = f.aiConfidenceMin;
        t.aiConfidenceSum = f.aiConfidenceSum;
        t.aiConfidenceCount = f.aiConfidenceCount;
        t.topic = f.topic;
        t.intentTopic = f.intentTopic;
        t.phraseTopic = f.phraseTopic;
        t.topicsSeen = f.topicsSeen == null ? null : f.topicsSeen.clone();
        t.sensitive = f.sensitive;
        t.humanRequested = f.humanRequested;
        t.humanRequestOpen = f.humanRequestOpen;
        t.takenOver = f.takenOver;
        t.everTakenOver = f.everTakenOver;
        t.handedBack = f.handedBack;
        t.takeoverTime = f.takeoverTime;
        t.takeoverAgentId = f.takeoverAgentId;
        t.takeoverTrigger = f.takeoverTrigger;
        t.takeoverMode = f.takeoverMode;
        t.takeoverAlertId = f.takeoverAlertId;
        t.lastTakeoverSnapshot = copy(f.lastTakeoverSnapshot);
        t.lastTakeoverEventId = f.lastTakeoverEventId;
        t.ended = f.ended;
        t.endTime = f.endTime;
        t.endedBy = f.endedBy;
        t.endReason = f.endReason;
        t.firedRuleIds = f.firedRuleIds == null ? null : f.firedRuleIds.clone();
        t.firedRuleTimes = f.firedRuleTimes == null ? null : f.firedRuleTimes.clone();
        t.alertCount = f.alertCount;
        t.alertRuleIds = f.alertRuleIds == null ? null : f.alertRuleIds.clone();
        t.firstAlertId = f.firstAlertId;
        t.firstAlertTime = f.firstAlertTime;
        t.recentAlertIds = f.recentAlertIds == null ? null : f.recentAlertIds.clone();
        t.recentAlertTimes = f.recentAlertTimes == null ? null : f.recentAlertTimes.clone();
        t.decisionSnapshot = copy(f.decisionSnapshot);
        t.decisionAtTakeover = f.decisionAtTakeover;
        t.maxRisk = f.maxRisk;
        t.previewTexts = f.previewTexts == null ? null : f.previewTexts.clone();
        t.previewTimes = f.previewTimes == null ? null : f.previewTimes.clone();
        t.previewSpeakers = f.previewSpeakers == null ? null : f.previewSpeakers.clone();
        t.previewCount = f.previewCount;
        t.transcriptTexts = f.transcriptTexts == null ? null : f.transcriptTexts.clone();
        t.transcriptTimes = f.transcriptTimes == null ? null : f.transcriptTimes.clone();
        t.transcriptSpeakers = f.transcriptSpeakers == null ? null : f.transcriptSpeakers.clone();
        t.transcriptCount = f.transcriptCount;
        return t;
    }

    private static SnapshotState copy(SnapshotState f) {
        if (f == null) {
            return null;
        }
        SnapshotState t = new SnapshotState();
        t.time = f.time;
        t.risk = f.risk;
        t.sentimentLast = f.sentimentLast;
        t.sentimentAvg = f.sentimentAvg;
        t.sentimentMin = f.sentimentMin;
        t.sentimentSlope = f.sentimentSlope;
        t.aiConfidenceLast = f.aiConfidenceLast;
        t.aiConfidenceMin = f.aiConfidenceMin;
        t.aiConfidenceAvg = f.aiConfidenceAvg;
        t.turns = f.turns;
        t.elapsedMs = f.elapsedMs;
        t.humanRequested = f.humanRequested;
        t.topic = f.topic;
        t.sensitiveTopic = f.sensitiveTopic;
        return t;
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }

    // ---- write -----------------------------------------------------------------------------

    @Override
    public void serialize(ConversationWithTimers record, DataOutputView out) throws IOException {
        if (out instanceof DataOutputSerializer) {
            write(record, out);
            return;
        }
        // A stream (a checkpoint): one bulk write per record instead of a call per byte.
        DataOutputSerializer buffer = STAGING.get();
        buffer.clear();
        write(record, buffer);
        out.write(buffer.getSharedBuffer(), 0, buffer.length());
        if (buffer.getSharedBuffer().length > MAX_KEPT_STAGING) {
            STAGING.remove();
        }
    }

    private static void write(ConversationWithTimers record, DataOutputView out) throws IOException {
        out.writeLong(record.checkTimer);
        out.writeLong(record.checkDue);
        out.writeLong(record.cleanupTimer);
        ConversationState s = record.conversation;
        boolean ended = record.endedAt != ConversationWithTimers.NONE;
        out.writeByte((s != null ? HAS_CONVERSATION : 0) | (ended ? HAS_ENDED_AT : 0));
        if (ended) {
            out.writeLong(record.endedAt);
        }
        if (s != null) {
            write(s, out);
        }
    }

    private static void write(ConversationState s, DataOutputView out) throws IOException {
        int flags = (s.startSeen ? START_SEEN : 0)
                | (s.sensitive ? SENSITIVE : 0)
                | (s.humanRequested ? HUMAN_REQUESTED : 0)
                | (s.humanRequestOpen ? HUMAN_REQUEST_OPEN : 0)
                | (s.takenOver ? TAKEN_OVER : 0)
                | (s.everTakenOver ? EVER_TAKEN_OVER : 0)
                | (s.handedBack ? HANDED_BACK : 0)
                | (s.ended ? ENDED : 0)
                | (s.decisionAtTakeover ? DECISION_AT_TAKEOVER : 0)
                | (s.customerValue != null ? HAS_CUSTOMER_VALUE : 0)
                | (s.lastCustomerMessageTime != null ? HAS_LAST_CUSTOMER_MESSAGE_TIME : 0)
                | (s.lastAnswerTime != null ? HAS_LAST_ANSWER_TIME : 0)
                | (s.waitingSince != null ? HAS_WAITING_SINCE : 0)
                | (s.takeoverTime != null ? HAS_TAKEOVER_TIME : 0)
                | (s.endTime != null ? HAS_END_TIME : 0)
                | (s.firstAlertTime != null ? HAS_FIRST_ALERT_TIME : 0)
                | (s.lastTakeoverSnapshot != null ? HAS_LAST_TAKEOVER_SNAPSHOT : 0)
                | (s.decisionSnapshot != null ? HAS_DECISION_SNAPSHOT : 0);
        out.writeInt(flags);

        writeString(s.conversationId, out);
        writeString(s.customerId, out);
        writeString(s.segment, out);
        writeString(s.channel, out);
        if (s.customerValue != null) {
            out.writeDouble(s.customerValue);
        }
        writeString(s.language, out);

        out.writeLong(s.startTime);
        out.writeLong(s.lastEventTime);
        out.writeInt(s.events);
        writeString(s.lastEventId, out);
        writeIfPresent(s.lastCustomerMessageTime, out);
        writeIfPresent(s.lastAnswerTime, out);
        writeIfPresent(s.waitingSince, out);

        out.writeInt(s.customerMessages);
        out.writeInt(s.aiMessages);
        out.writeInt(s.agentMessages);
        out.writeInt(s.lowConfidenceAnswers);

        out.writeInt(s.sentimentCount);
        out.writeDouble(s.sentimentEma);
        out.writeDouble(s.sentimentMin);
        out.writeDouble(s.sentimentLast);
        writeDoubles(s.sentimentWindow, out);
        out.writeInt(s.sentimentWindowCount);

        out.writeDouble(s.aiConfidenceLast);
        out.writeDouble(s.aiConfidenceMin);
        out.writeDouble(s.aiConfidenceSum);
        out.writeInt(s.aiConfidenceCount);

        writeString(s.topic, out);
        writeString(s.intentTopic, out);
        writeString(s.phraseTopic, out);
        writeStrings(s.topicsSeen, out);

        writeIfPresent(s.takeoverTime, out);
        writeString(s.takeoverAgentId, out);
        writeEnum(s.takeoverTrigger, out);
        writeEnum(s.takeoverMode, out);
        writeString(s.takeoverAlertId, out);
        if (s.lastTakeoverSnapshot != null) {
            write(s.lastTakeoverSnapshot, out);
        }
        writeString(s.lastTakeoverEventId, out);

        writeIfPresent(s.endTime, out);
        writeEnum(s.endedBy, out);
        writeString(s.endReason, out);

        writeStrings(s.firedRuleIds, out);
        writeLongs(s.firedRuleTimes, out);
        out.writeInt(s.alertCount);
        writeStrings(s.alertRuleIds, out);
        writeString(s.firstAlertId, out);
        writeIfPresent(s.firstAlertTime, out);
        writeStrings(s.recentAlertIds, out);
        writeLongs(s.recentAlertTimes, out);

        if (s.decisionSnapshot != null) {
            write(s.decisionSnapshot, out);
        }
        out.writeDouble(s.maxRisk);

        writeStrings(s.previewTexts, out);
        writeLongs(s.previewTimes, out);
        writeInts(s.previewSpeakers, out);
        out.writeInt(s.previewCount);

        writeStrings(s.transcriptTexts, out);
        writeLongs(s.transcriptTimes, out);
        writeInts(s.transcriptSpeakers, out);
        out.writeInt(s.transcriptCount);
    }

    private static void write(SnapshotState s, DataOutputView out) throws IOException {
        int flags = (s.humanRequested ? S_HUMAN_REQUESTED : 0)
                | (s.sensitiveTopic ? S_SENSITIVE : 0)
                | (s.sentimentLast != null ? S_SENTIMENT_LAST : 0)
                | (s.sentimentAvg != null ? S_SENTIMENT_AVG : 0)
                | (s.sentimentMin != null ? S_SENTIMENT_MIN : 0)
                | (s.sentimentSlope != null ? S_SENTIMENT_SLOPE : 0)
                | (s.aiConfidenceLast != null ? S_AI_CONFIDENCE_LAST : 0)
                | (s.aiConfidenceMin != null ? S_AI_CONFIDENCE_MIN : 0)
                | (s.aiConfidenceAvg != null ? S_AI_CONFIDENCE_AVG : 0);
        out.writeShort(flags);
        out.writeLong(s.time);
        out.writeDouble(s.risk);
        writeIfPresent(s.sentimentLast, out);
        writeIfPresent(s.sentimentAvg, out);
        writeIfPresent(s.sentimentMin, out);
        writeIfPresent(s.sentimentSlope, out);
        writeIfPresent(s.aiConfidenceLast, out);
        writeIfPresent(s.aiConfidenceMin, out);
        writeIfPresent(s.aiConfidenceAvg, out);
        out.writeInt(s.turns);
        out.writeLong(s.elapsedMs);
        writeString(s.topic, out);
    }

    private static void writeIfPresent(Long v, DataOutputView out) throws IOException {
        if (v != null) {
            out.writeLong(v);
        }
    }

    private static void writeIfPresent(Double v, DataOutputView out) throws IOException {
        if (v != null) {
            out.writeDouble(v);
        }
    }

    /** Length + 1 (0 = null), then the UTF-8 bytes in one write. */
    private static void writeString(String s, DataOutputView out) throws IOException {
        if (s == null) {
            writeVarInt(0, out);
            return;
        }
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        writeVarInt(bytes.length + 1, out);
        out.write(bytes);
    }

    private static void writeStrings(String[] a, DataOutputView out) throws IOException {
        writeVarInt(a == null ? 0 : a.length + 1, out);
        if (a != null) {
            for (String s : a) {
                writeString(s, out);
            }
        }
    }

    private static void writeLongs(long[] a, DataOutputView out) throws IOException {
        writeVarInt(a == null ? 0 : a.length + 1, out);
        if (a != null) {
            for (long v : a) {
                out.writeLong(v);
            }
        }
    }

    private static void writeDoubles(double[] a, DataOutputView out) throws IOException {
        writeVarInt(a == null ? 0 : a.length + 1, out);
        if (a != null) {
            for (double v : a) {
                out.writeDouble(v);
            }
        }
    }

    private static void writeInts(int[] a, DataOutputView out) throws IOException {
        writeVarInt(a == null ? 0 : a.length + 1, out);
        if (a != null) {
            for (int v : a) {
                writeVarInt(v, out);
            }
        }
    }

    /** An enum as its ordinal + 1 (0 = null); the snapshot records the symbols, so a reorder is detected. */
    private static void writeEnum(Enum<?> e, DataOutputView out) throws IOException {
        out.writeByte(e == null ? 0 : e.ordinal() + 1);
    }

    /** Unsigned LEB128: most lengths and speakers take one byte. */
    private static void writeVarInt(int v, DataOutputView out) throws IOException {
        while ((v & ~0x7F) != 0) {
            out.writeByte((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.writeByte(v);
    }

    // ---- read ------------------------------------------------------------------------------

    @Override
    public ConversationWithTimers deserialize(DataInputView in) throws IOException {
        ConversationWithTimers c = new ConversationWithTimers();
        c.checkTimer = in.readLong();
        c.checkDue = in.readLong();
        c.cleanupTimer = in.readLong();
        int present = in.readUnsignedByte();
        if ((present & ~(HAS_CONVERSATION | HAS_ENDED_AT)) != 0) {
            throw new IOException("conversation state: unknown presence bits " + present + " (written by a newer version?)");
        }
        if ((present & HAS_ENDED_AT) != 0) {
            c.endedAt = in.readLong();
        }
        if ((present & HAS_CONVERSATION) != 0) {
            c.conversation = readConversation(in);
        }
        return c;
    }

    @Override
    public ConversationWithTimers deserialize(ConversationWithTimers reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    private static ConversationState readConversation(DataInputView in) throws IOException {
        ConversationState s = new ConversationState();
        int flags = in.readInt();
        s.startSeen = (flags & START_SEEN) != 0;
        s.sensitive = (flags & SENSITIVE) != 0;
        s.humanRequested = (flags & HUMAN_REQUESTED) != 0;
        s.humanRequestOpen = (flags & HUMAN_REQUEST_OPEN) != 0;
        s.takenOver = (flags & TAKEN_OVER) != 0;
        s.everTakenOver = (flags & EVER_TAKEN_OVER) != 0;
        s.handedBack = (flags & HANDED_BACK) != 0;
        s.ended = (flags & ENDED) != 0;
        s.decisionAtTakeover = (flags & DECISION_AT_TAKEOVER) != 0;

        s.conversationId = readString(in);
        s.customerId = readString(in);
        s.segment = readString(in);
        s.channel = readString(in);
        s.customerValue = (flags & HAS_CUSTOMER_VALUE) != 0 ? in.readDouble() : null;
        s.language = readString(in);

        s.startTime = in.readLong();
        s.lastEventTime = in.readLong();
        s.events = in.readInt();
        s.lastEventId = readString(in);
        s.lastCustomerMessageTime = readLongIf(flags, HAS_LAST_CUSTOMER_MESSAGE_TIME, in);
        s.lastAnswerTime = readLongIf(flags, HAS_LAST_ANSWER_TIME, in);
        s.waitingSince = readLongIf(flags, HAS_WAITING_SINCE, in);

        s.customerMessages = in.readInt();
        s.aiMessages = in.readInt();
        s.agentMessages = in.readInt();
        s.lowConfidenceAnswers = in.readInt();

        s.sentimentCount = in.readInt();
        s.sentimentEma = in.readDouble();
        s.sentimentMin = in.readDouble();
        s.sentimentLast = in.readDouble();
        s.sentimentWindow = readDoubles(in);
        s.sentimentWindowCount = in.readInt();

        s.aiConfidenceLast = in.readDouble();
        s.aiConfidenceMin = in.readDouble();
        s.aiConfidenceSum = in.readDouble();
        s.aiConfidenceCount = in.readInt();

        s.topic = readString(in);
        s.intentTopic = readString(in);
        s.phraseTopic = readString(in);
        s.topicsSeen = readStrings(in);

        s.takeoverTime = readLongIf(flags, HAS_TAKEOVER_TIME, in);
        s.takeoverAgentId = readString(in);
        s.takeoverTrigger = readEnum(TRIGGERS, "takeoverTrigger", in);
        s.takeoverMode = readEnum(MODES, "takeoverMode", in);
        s.takeoverAlertId = readString(in);
        s.lastTakeoverSnapshot = (flags & HAS_LAST_TAKEOVER_SNAPSHOT) != 0 ? readSnapshot(in) : null;
        s.lastTakeoverEventId = readString(in);

        s.endTime = readLongIf(flags, HAS_END_TIME, in);
        s.endedBy = readEnum(ENDED_BY, "endedBy", in);
        s.endReason = readString(in);

        s.firedRuleIds = readStrings(in);
        s.firedRuleTimes = readLongs(in);
        s.alertCount = in.readInt();
        s.alertRuleIds = readStrings(in);
        s.firstAlertId = readString(in);
        s.firstAlertTime = readLongIf(flags, HAS_FIRST_ALERT_TIME, in);
        s.recentAlertIds = readStrings(in);
        s.recentAlertTimes = readLongs(in);

        s.decisionSnapshot = (flags & HAS_DECISION_SNAPSHOT) != 0 ? readSnapshot(in) : null;
        s.maxRisk = in.readDouble();

        s.previewTexts = readStrings(in);
        s.previewTimes = readLongs(in);
        s.previewSpeakers = readInts(in);
        s.previewCount = in.readInt();

        s.transcriptTexts = readStrings(in);
        s.transcriptTimes = readLongs(in);
        s.transcriptSpeakers = readInts(in);
        s.transcriptCount = in.readInt();
        return s;
    }

    private static SnapshotState readSnapshot(DataInputView in) throws IOException {
        SnapshotState s = new SnapshotState();
        int flags = in.readShort();
        s.humanRequested = (flags & S_HUMAN_REQUESTED) != 0;
        s.sensitiveTopic = (flags & S_SENSITIVE) != 0;
        s.time = in.readLong();
        s.risk = in.readDouble();
        s.sentimentLast = readDoubleIf(flags, S_SENTIMENT_LAST, in);
        s.sentimentAvg = readDoubleIf(flags, S_SENTIMENT_AVG, in);
        s.sentimentMin = readDoubleIf(flags, S_SENTIMENT_MIN, in);
        s.sentimentSlope = readDoubleIf(flags, S_SENTIMENT_SLOPE, in);
        s.aiConfidenceLast = readDoubleIf(flags, S_AI_CONFIDENCE_LAST, in);
        s.aiConfidenceMin = readDoubleIf(flags, S_AI_CONFIDENCE_MIN, in);
        s.aiConfidenceAvg = readDoubleIf(flags, S_AI_CONFIDENCE_AVG, in);
        s.turns = in.readInt();
        s.elapsedMs = in.readLong();
        s.topic = readString(in);
        return s;
    }

    private static Long readLongIf(int flags, int bit, DataInputView in) throws IOException {
        return (flags & bit) != 0 ? in.readLong() : null;
    }

    private static Double readDoubleIf(int flags, int bit, DataInputView in) throws IOException {
        return (flags & bit) != 0 ? in.readDouble() : null;
    }

    private static String readString(DataInputView in) throws IOException {
        int n = readVarInt(in);
        if (n == 0) {
            return null;
        }
        byte[] bytes = new byte[n - 1];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static String[] readStrings(DataInputView in) throws IOException {
        int n = readVarInt(in);
        if (n == 0) {
            return null;
        }
        String[] a = new String[n - 1];
        for (int i = 0; i < a.length; i++) {
            a[i] = readString(in);
        }
        return a;
    }

    private static long[] readLongs(DataInputView in) throws IOException {
        int n = readVarInt(in);
        if (n == 0) {
            return null;
        }
        long[] a = new long[n - 1];
        for (int i = 0; i < a.length; i++) {
            a[i] = in.readLong();
        }
        return a;
    }

    private static double[] readDoubles(DataInputView in) throws IOException {
        int n = readVarInt(in);
        if (n == 0) {
            return null;
        }
        double[] a = new double[n - 1];
        for (int i = 0; i < a.length; i++) {
            a[i] = in.readDouble();
        }
        return a;
    }

    private static int[] readInts(DataInputView in) throws IOException {
        int n = readVarInt(in);
        if (n == 0) {
            return null;
        }
        int[] a = new int[n - 1];
        for (int i = 0; i < a.length; i++) {
            a[i] = readVarInt(in);
        }
        return a;
    }

    private static <E extends Enum<E>> E readEnum(E[] symbols, String field, DataInputView in) throws IOException {
        int i = in.readUnsignedByte();
        if (i == 0) {
            return null;
        }
        if (i > symbols.length) {
            throw new IOException("conversation state: " + field + " has symbol number " + (i - 1) + ", but "
                    + symbols[0].getDeclaringClass().getSimpleName() + " has only " + symbols.length);
        }
        return symbols[i - 1];
    }

    private static int readVarInt(DataInputView in) throws IOException {
        int v = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            int b = in.readUnsignedByte();
            v |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        throw new IOException("conversation state: a length longer than five bytes (corrupt state)");
    }

    // ---- identity and snapshot -------------------------------------------------------------

    @Override
    public boolean equals(Object o) {
        return o instanceof ConversationWithTimersSerializer;
    }

    @Override
    public int hashCode() {
        return ConversationWithTimersSerializer.class.hashCode();
    }

    @Override
    public TypeSerializerSnapshot<ConversationWithTimers> snapshotConfiguration() {
        return new Snapshot();
    }

    /**
     * Written into every checkpoint with the state: the format version and the enum symbols the ordinals refer
     * to. State of this format with other symbols (an enum reordered or shrunk) is incompatible; state written
     * by Flink's POJO serializer is read by it and migrated.
     */
    public static final class Snapshot implements TypeSerializerSnapshot<ConversationWithTimers> {
        private String[] endedBy = names(ENDED_BY);
        private String[] triggers = names(TRIGGERS);
        private String[] modes = names(MODES);

        @Override
        public int getCurrentVersion() {
            return VERSION;
        }

        @Override
        public void writeSnapshot(DataOutputView out) throws IOException {
            for (String[] symbols : new String[][] {endedBy, triggers, modes}) {
                out.writeInt(symbols.length);
                for (String s : symbols) {
                    out.writeUTF(s);
                }
            }
        }

        @Override
        public void readSnapshot(int readVersion, DataInputView in, ClassLoader classLoader) throws IOException {
            if (readVersion < FIRST_VERSION || readVersion > VERSION) {
                throw new IOException("conversation state format " + readVersion + " is unknown to this version "
                        + "(it reads formats " + FIRST_VERSION + " to " + VERSION + ")");
            }
            endedBy = readSymbols(in);
            triggers = readSymbols(in);
            modes = readSymbols(in);
        }

        @Override
        public TypeSerializer<ConversationWithTimers> restoreSerializer() {
            return INSTANCE;
        }

        @Override
        public TypeSerializerSchemaCompatibility<ConversationWithTimers> resolveSchemaCompatibility(
                TypeSerializerSnapshot<ConversationWithTimers> old) {
            if (old instanceof Snapshot s) {
                return s.sameSymbolsAs(this)
                        ? TypeSerializerSchemaCompatibility.compatibleAsIs()
                        : TypeSerializerSchemaCompatibility.incompatible();
            }
            if (old instanceof PojoSerializerSnapshot) {
                return TypeSerializerSchemaCompatibility.compatibleAfterMigration();
            }
            return TypeSerializerSchemaCompatibility.incompatible();
        }

        private boolean sameSymbolsAs(Snapshot o) {
            // Symbols appended at the end keep every stored ordinal valid.
            return isPrefix(endedBy, o.endedBy) && isPrefix(triggers, o.triggers) && isPrefix(modes, o.modes);
        }

        private static boolean isPrefix(String[] stored, String[] now) {
            return stored.length <= now.length && Arrays.equals(stored, Arrays.copyOf(now, stored.length));
        }

        private static String[] readSymbols(DataInputView in) throws IOException {
            String[] a = new String[in.readInt()];
            for (int i = 0; i < a.length; i++) {
                a[i] = in.readUTF();
            }
            return a;
        }

        private static String[] names(Enum<?>[] values) {
            String[] a = new String[values.length];
            for (int i = 0; i < values.length; i++) {
                a[i] = values[i].name();
            }
            return a;
        }
    }
}
