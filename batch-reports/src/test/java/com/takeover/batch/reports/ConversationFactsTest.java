package com.takeover.batch.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.takeover.batch.lake.DatasetContract;
import com.takeover.batch.testing.SparkTestSession;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A conversation written more than once by a replayed stream counts once, with its last summary. */
class ConversationFactsTest {

    /** The replayed ids broadcast (the usual case), or too many of them and every summary ordered. */
    @ParameterizedTest(name = "at most {0} replayed ids broadcast")
    @ValueSource(ints = {ConversationFacts.MAX_BROADCAST_REPLAYED_IDS, 1})
    void aReplayedConversationKeepsItsLastSummaryAndOthersPassUnchanged(int maxBroadcastIds) {
        SparkSession spark = SparkTestSession.get();
        StructType schema = DatasetContract.CONVERSATIONS.readSchema();
        List<Row> rows = List.of(
                summary(schema, "c1", 100, 200, 3, false),
                summary(schema, "c1", 100, 260, 5, true), // the replay saw the conversation end later: wins
                summary(schema, "c1", 100, 260, 4, true),
                summary(schema, "c2", 100, 150, 2, false),
                summary(schema, null, 100, 180, 1, false),
                summary(schema, null, 100, 190, 1, false)); // rows without an id are one conversation, as before
        List<Row> last = ConversationFacts.lastSummaries(spark.createDataFrame(rows, schema), maxBroadcastIds)
                .orderBy("conversationId").select("conversationId", "endTime", "customerMessages", "takenOver")
                .collectAsList();
        assertThat(last).hasSize(3);
        assertThat(last.get(0).get(0)).isNull();
        assertThat(last.get(0).getLong(1)).isEqualTo(190);
        assertThat(last.get(1)).isEqualTo(RowFactory.create("c1", 260L, 5, true));
        assertThat(last.get(2)).isEqualTo(RowFactory.create("c2", 150L, 2, false));
    }

    @Test
    void withoutReplaysEverySummaryPasses() {
        SparkSession spark = SparkTestSession.get();
        StructType schema = DatasetContract.CONVERSATIONS.readSchema();
        List<Row> rows = List.of(summary(schema, "c1", 100, 200, 3, false), summary(schema, "c2", 100, 150, 2, true),
                summary(schema, null, 100, 180, 1, false));
        List<Row> last = ConversationFacts.lastSummaries(spark.createDataFrame(rows, schema))
                .orderBy("conversationId").select("conversationId", "endTime", "customerMessages", "takenOver")
                .collectAsList();
        assertThat(last).containsExactly(RowFactory.create(null, 180L, 1, false),
                RowFactory.create("c1", 200L, 3, false), RowFactory.create("c2", 150L, 2, true));
    }

    private static Row summary(StructType schema, String id, long start, long end, int customerMessages,
            boolean takenOver) {
        Object[] v = new Object[schema.size()];
        v[schema.fieldIndex("conversationId")] = id;
        v[schema.fieldIndex("startTime")] = start;
        v[schema.fieldIndex("endTime")] = end;
        v[schema.fieldIndex("customerMessages")] = customerMessages;
        v[schema.fieldIndex("takenOver")] = takenOver;
        return RowFactory.create(Arrays.copyOf(v, v.length));
    }
}
