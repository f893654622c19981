package com.takeover.scoring;

import com.takeover.schema.SignalSnapshot;

/**
 * A {@link SignalSnapshot} held inside {@link ConversationState}: a plain POJO so Flink's POJO serializer
 * (not Kryo) stores it. Null fields mean "not known yet", as in the Avro record.
 */
public class SnapshotState {
    public long time;
    public double risk;
    public Double sentimentLast;
    public Double sentimentAvg;
    public Double sentimentMin;
    public Double sentimentSlope;
    public Double aiConfidenceLast;
    public Double aiConfidenceMin;
    public Double aiConfidenceAvg;
    public int turns;
    public long elapsedMs;
    public boolean humanRequested;
    public String topic;
    public boolean sensitiveTopic;

    public SnapshotState() {}

    public static SnapshotState of(SignalSnapshot s) {
        SnapshotState x = new SnapshotState();
        x.time = s.getTime();
        x.risk = s.getRisk();
        x.sentimentLast = s.getSentimentLast();
        x.sentimentAvg = s.getSentimentAvg();
        x.sentimentMin = s.getSentimentMin();
        x.sentimentSlope = s.getSentimentSlope();
        x.aiConfidenceLast = s.getAiConfidenceLast();
        x.aiConfidenceMin = s.getAiConfidenceMin();
        x.aiConfidenceAvg = s.getAiConfidenceAvg();
        x.turns = s.getTurns();
        x.elapsedMs = s.getElapsedMs();
        x.humanRequested = s.getHumanRequested();
        x.topic = s.getTopic();
        x.sensitiveTopic = s.getSensitiveTopic();
        return x;
    }

    public SignalSnapshot toAvro() {
        return SignalSnapshot.newBuilder()
                .setTime(time)
                .setRisk(risk)
                .setSentimentLast(sentimentLast)
                .setSentimentAvg(sentimentAvg)
                .setSentimentMin(sentimentMin)
                .setSentimentSlope(sentimentSlope)
                .setAiConfidenceLast(aiConfidenceLast)
                .setAiConfidenceMin(aiConfidenceMin)
                .setAiConfidenceAvg(aiConfidenceAvg)
                .setTurns(turns)
                .setElapsedMs(elapsedMs)
                .setHumanRequested(humanRequested)
                .setTopic(topic)
                .setSensitiveTopic(sensitiveTopic)
                .build();
    }
}
