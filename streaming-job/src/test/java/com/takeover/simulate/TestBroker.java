package com.takeover.simulate;

import com.takeover.kafka.KafkaClients;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/** A real one-node KRaft broker on loopback for tests (until the shared embedded broker lands). */
public final class TestBroker implements AutoCloseable {
    private final KafkaClusterTestKit cluster;

    private TestBroker(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
    }

    public static TestBroker start() throws Exception {
        TestKitNodes nodes = new TestKitNodes.Builder().setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build();
        KafkaClusterTestKit.Builder b = new KafkaClusterTestKit.Builder(nodes);
        Map.of("offsets.topic.replication.factor", "1",
                "offsets.topic.num.partitions", "2",
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1",
                "group.initial.rebalance.delay.ms", "0",
                "auto.create.topics.enable", "false").forEach(b::setConfigProp);
        KafkaClusterTestKit cluster = b.build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        return new TestBroker(cluster);
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    public void createTopics(int partitions, String... names) throws Exception {
        try (Admin admin = Admin.create(KafkaClients.clientProperties(bootstrapServers()))) {
            List<NewTopic> topics = new ArrayList<>();
            for (String n : names) {
                topics.add(new NewTopic(n, partitions, (short) 1));
            }
            admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
        }
        for (String n : names) {
            if (!TopicReadiness.await(bootstrapServers(), null, n, java.time.Duration.ofSeconds(30))) {
                throw new IllegalStateException("topic " + n + " not ready");
            }
        }
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
