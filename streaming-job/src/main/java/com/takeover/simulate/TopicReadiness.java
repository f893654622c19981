package com.takeover.simulate;

import com.takeover.kafka.KafkaClients;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;

/**
 * Waits until a topic exists and every partition's leader serves requests. Right after a topic is
 * created its leader may still refuse appends for a moment, and an idempotent producer that hits
 * that window can end up retrying a batch forever (out-of-order sequence); asking each leader for
 * its end offset first avoids the window.
 */
final class TopicReadiness {
    private TopicReadiness() {}

    /** True when the topic is ready; false when it did not become ready within the timeout (it may not exist). */
    static boolean await(String bootstrapServers, Properties extra, String topic, Duration timeout) throws InterruptedException {
        // unlike the other clients', the extra settings go underneath: the short timeouts must stay, they match
        // the 5 s this waits for each answer below
        Properties p = KafkaClients.withOverrides(new Properties(), extra);
        p.putAll(KafkaClients.adminProperties(bootstrapServers, Duration.ofSeconds(5)));
        long until = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(p)) {
            while (System.nanoTime() < until) {
                try {
                    TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames().get(5, TimeUnit.SECONDS).get(topic);
                    Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
                    d.partitions().forEach(pi -> ends.put(new TopicPartition(topic, pi.partition()), OffsetSpec.latest()));
                    admin.listOffsets(ends).all().get(5, TimeUnit.SECONDS);
                    return true;
                } catch (ExecutionException | java.util.concurrent.TimeoutException notYet) {
                    Thread.sleep(200);
                }
            }
        }
        return false;
    }
}
