package com.takeover.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import com.takeover.schema.AgentMessage;
import com.takeover.schema.AiMessage;
import com.takeover.schema.ConversationEnded;
import com.takeover.schema.ConversationEvent;
import com.takeover.schema.ConversationStarted;
import com.takeover.schema.CustomerMessage;
import com.takeover.schema.HandBack;
import com.takeover.schema.Takeover;
import com.takeover.schema.TakeoverMode;
import com.takeover.schema.TakeoverTransition;
import com.takeover.schema.TakeoverTrigger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ConversationSimulatorTest {
    private static final int N = 6000;
    private static List<ConversationEvent> events;
    private static Map<String, List<ConversationEvent>> byConversation;
    private static Map<String, ConversationFacts> facts;

    @BeforeAll
    static void simulate() {
        ConversationSimulator sim = new ConversationSimulator(
                SimulationConfig.defaults(20261120L).withMaxConversations(N).withBuiltInAlerts(true));
        events = new ArrayList<>();
        while (sim.hasNext()) {
            events.add(sim.next());
        }
        byConversation = new LinkedHashMap<>();
        for (ConversationEvent e : events) {
            byConversation.computeIfAbsent(e.getConversationId(), k -> new ArrayList<>()).add(e);
        }
        facts = sim.drainFinished().stream().collect(Collectors.toMap(ConversationFacts::conversationId, f -> f));
    }

    @Test
    void sameSeedAndConfigGiveTheSameEventsIdsIncluded() {
        SimulationConfig config = SimulationConfig.defaults(99).withMaxConversations(300).withBuiltInAlerts(true);
        List<ConversationEvent> first = ConversationSimulator.generate(config);
        List<ConversationEvent> second = ConversationSimulator.generate(config);
        assertThat(first).hasSizeGreaterThan(300 * 4).isEqualTo(second);

        List<ConversationEvent> otherSeed = ConversationSimulator.generate(
                SimulationConfig.defaults(100).withMaxConversations(300).withBuiltInAlerts(true));
        assertThat(otherSeed.get(1)).isNotEqualTo(first.get(1));
        assertThat(otherSeed.get(0).getConversationId()).isNotEqualTo(first.get(0).getConversationId());
    }

    @Test
    void everyConversationStartsWithStartedAndEndsWithEndedUnlessAbandoned() {
        assertThat(byConversation).hasSize(N);
        assertThat(facts).hasSize(N);
        int abandoned = 0;
        for (Map.Entry<String, List<ConversationEvent>> e : byConversation.entrySet()) {
            List<ConversationEvent> conv = e.getValue();
            ConversationFacts f = facts.get(e.getKey());
            assertThat(conv.get(0).getPayload()).isInstanceOf(ConversationStarted.class);
            assertThat(conv.subList(1, conv.size())).noneMatch(x -> x.getPayload() instanceof ConversationStarted);
            if (f.abandoned()) {
                abandoned++;
                assertThat(conv.get(conv.size() - 1).getPayload()).isInstanceOf(CustomerMessage.class);
                assertThat(f.endedBy()).isNull();
            } else {
                assertThat(conv.get(conv.size() - 1).getPayload()).isInstanceOf(ConversationEnded.class);
                assertThat(((ConversationEnded) conv.get(conv.size() - 1).getPayload()).getEndedBy()).isEqualTo(f.endedBy());
            }
            assertThat(conv.subList(0, conv.size() - 1)).noneMatch(x -> x.getPayload() instanceof ConversationEnded);
            assertThat(f.endTime()).isEqualTo(conv.get(conv.size() - 1).getEventTime());
            assertThat(f.customerMessages()).isEqualTo((int) conv.stream().filter(x -> x.getPayload() instanceof CustomerMessage).count());
        }
        // 1% abandoned by default: binomial(6000, 0.01) is 60 +- 8
        assertThat(abandoned).isBetween(35, 90);
    }

    @Test
    void eventTimesIncreaseWithinAConversationAndNeverGoBackOverall() {
        for (List<ConversationEvent> conv : byConversation.values()) {
            for (int i = 1; i < conv.size(); i++) {
                assertThat(conv.get(i).getEventTime()).isGreaterThan(conv.get(i - 1).getEventTime());
            }
        }
        for (int i = 1; i < events.size(); i++) {
            assertThat(events.get(i).getEventTime()).isGreaterThanOrEqualTo(events.get(i - 1).getEventTime());
        }
        assertThat(events.get(0).getEventTime()).isGreaterThanOrEqualTo(SimulationConfig.DEFAULT_START.toEpochMilli());
        Set<String> ids = new HashSet<>();
        events.forEach(e -> assertThat(ids.add(e.getEventId())).as("unique event id %s", e.getEventId()).isTrue());
    }

    @Test
    void conversationsOverlapInTime() {
        int maxOpen = 0;
        int open = 0;
        for (ConversationEvent e : events) {
            if (e.getPayload() instanceof ConversationStarted) {
                open++;
            } else if (e.getPayload() instanceof ConversationEnded) {
                open--;
            }
            maxOpen = Math.max(maxOpen, open);
        }
        // 360 conversations/hour lasting minutes: dozens are open at once at the busy hours
        assertThat(maxOpen).isGreaterThan(10);
    }

    @Test
    void segmentChannelAndTopicSharesAreRealistic() {
        Map<Segment, Long> segments = facts.values().stream().collect(Collectors.groupingBy(ConversationFacts::segment, Collectors.counting()));
        for (Segment s : Segment.values()) {
            assertThat(segments.get(s) / (double) N).as("share of %s", s).isCloseTo(s.share(), org.assertj.core.data.Offset.offset(0.02));
        }
        Map<Channel, Long> channels = facts.values().stream().collect(Collectors.groupingBy(ConversationFacts::channel, Collectors.counting()));
        for (Channel c : Channel.values()) {
            assertThat(channels.get(c) / (double) N).as("share of %s", c).isCloseTo(c.share(), org.assertj.core.data.Offset.offset(0.025));
        }
        Map<Topic, Long> topics = facts.values().stream().collect(Collectors.groupingBy(ConversationFacts::topic, Collectors.counting()));
        assertThat(topics.keySet()).containsExactlyInAnyOrder(Topic.values());
        assertThat(topics.get(Topic.ORDER_STATUS) / (double) N).isCloseTo(0.17, org.assertj.core.data.Offset.offset(0.02));
        assertThat(facts.values().stream().map(ConversationFacts::language).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(Language.values());
        // VIP customers are worth more than standard ones
        double vip = facts.values().stream().filter(f -> f.segment() == Segment.VIP).mapToDouble(ConversationFacts::customerValue).average().orElseThrow();
        double std = facts.values().stream().filter(f -> f.segment() == Segment.STANDARD).mapToDouble(ConversationFacts::customerValue).average().orElseThrow();
        assertThat(vip).isGreaterThan(50 * std);
    }

    @Test
    void conversationLengthsFollowALongTailedDistribution() {
        int[] turns = facts.values().stream().mapToInt(ConversationFacts::customerMessages).sorted().toArray();
        int median = turns[turns.length / 2];
        int p95 = turns[(int) (turns.length * 0.95)];
        assertThat(turns[0]).isGreaterThanOrEqualTo(1);
        assertThat(median).isBetween(3, 7);
        assertThat(p95).isBetween(8, 16);
        assertThat(turns[turns.length - 1]).isLessThanOrEqualTo(30);
        // troubled conversations are longer
        double troubled = facts.values().stream().filter(f -> f.trouble() > 0.6).mapToInt(ConversationFacts::customerMessages).average().orElseThrow();
        double easy = facts.values().stream().filter(f -> f.trouble() < 0.2).mapToInt(ConversationFacts::customerMessages).average().orElseThrow();
        assertThat(troubled).isGreaterThan(easy + 2);
    }

    @Test
    void everyEventKindTriggerModeAndTransitionAppears() {
        Set<Class<?>> kinds = events.stream().map(e -> e.getPayload().getClass()).collect(Collectors.toSet());
        assertThat(kinds).containsExactlyInAnyOrder(ConversationStarted.class, CustomerMessage.class, AiMessage.class,
                AgentMessage.class, Takeover.class, HandBack.class, ConversationEnded.class);
        List<Takeover> takeovers = events.stream().filter(e -> e.getPayload() instanceof Takeover).map(e -> (Takeover) e.getPayload()).toList();
        assertThat(takeovers.stream().map(Takeover::getTrigger).collect(Collectors.toSet())).containsExactlyInAnyOrder(TakeoverTrigger.values());
        assertThat(takeovers.stream().map(Takeover::getMode).collect(Collectors.toSet())).containsExactlyInAnyOrder(TakeoverMode.values());
        assertThat(takeovers.stream().map(Takeover::getTransition).collect(Collectors.toSet())).containsExactlyInAnyOrder(TakeoverTransition.values());
        assertThat(takeovers).allMatch(t -> (t.getTrigger() == TakeoverTrigger.ALERT) == (t.getAlertId() != null));
        assertThat(facts.values().stream().map(ConversationFacts::persona).collect(Collectors.toSet())).containsExactlyInAnyOrder(Persona.values());
        double takeoverRate = facts.values().stream().filter(ConversationFacts::takenOver).count() / (double) N;
        assertThat(takeoverRate).isBetween(0.10, 0.40);
    }

    @Test
    void aiMessagesCarryConfidenceAndMostlyAnIntentLabel() {
        List<AiMessage> ai = events.stream().filter(e -> e.getPayload() instanceof AiMessage).map(e -> (AiMessage) e.getPayload()).toList();
        assertThat(ai).allMatch(m -> m.getConfidence() >= 0 && m.getConfidence() <= 1);
        long labelled = ai.stream().filter(m -> m.getIntent() != null).count();
        assertThat(labelled / (double) ai.size()).isBetween(0.75, 0.95);
        // the AI is sure of itself on order status, lost on legal questions
        assertThat(meanConfidence(Topic.ORDER_STATUS)).isGreaterThan(meanConfidence(Topic.LEGAL) + 0.3);
    }

    @Test
    void customerTextFollowsThePersona() {
        // a hidden trouble level shows in the text: angry words, caps, requests for a human
        Map<Persona, Double> shoutShare = new HashMap<>();
        for (Persona p : Persona.values()) {
            List<String> texts = facts.values().stream().filter(f -> f.persona() == p && f.language() == Language.EN)
                    .flatMap(f -> byConversation.get(f.conversationId()).stream())
                    .filter(e -> e.getPayload() instanceof CustomerMessage)
                    .map(e -> ((CustomerMessage) e.getPayload()).getText()).toList();
            shoutShare.put(p, texts.stream().filter(t -> t.matches(".*(ridiculous|unacceptable|useless|furious|!!|[A-Z]{5,}).*")).count() / (double) texts.size());
        }
        assertThat(shoutShare.get(Persona.SUDDEN_ANGER)).isGreaterThan(shoutShare.get(Persona.CALM) + 0.1);
        assertThat(shoutShare.get(Persona.GRADUAL_FRUSTRATION)).isGreaterThan(shoutShare.get(Persona.CALM));
        long humanAsks = facts.values().stream().filter(f -> f.persona() == Persona.HUMAN_REQUEST).filter(ConversationFacts::humanRequested).count();
        long humanPersonas = facts.values().stream().filter(f -> f.persona() == Persona.HUMAN_REQUEST).count();
        assertThat(humanAsks / (double) humanPersonas).isGreaterThan(0.9);
        assertThat(facts.values().stream().filter(f -> f.persona() == Persona.CALM).filter(ConversationFacts::humanRequested).count()
                / (double) facts.values().stream().filter(f -> f.persona() == Persona.CALM).count()).isLessThan(0.05);
        // PII shows up now and then, for the masker to catch
        assertThat(events.stream().filter(e -> e.getPayload() instanceof CustomerMessage)
                .map(e -> ((CustomerMessage) e.getPayload()).getText()).filter(t -> t.contains("@")).count()).isGreaterThan(10);
    }

    @Test
    void aTakeoverOfferedFromOutsideIsAppliedAndAgentsTakeOver() {
        ConversationSimulator sim = new ConversationSimulator(SimulationConfig.defaults(5).withMaxConversations(50));
        ConversationEvent first = sim.next();
        String conversation = first.getConversationId();
        // let the customer write first
        List<ConversationEvent> seen = new ArrayList<>(List.of(first));
        while (seen.stream().filter(e -> e.getConversationId().equals(conversation)).noneMatch(e -> e.getPayload() instanceof CustomerMessage)) {
            seen.add(sim.next());
        }
        long alertTime = sim.frontier();
        TakeoverRequest request = new TakeoverRequest(conversation, alertTime + 30_000, "agent-03", TakeoverTrigger.ALERT,
                "alert-123", TakeoverMode.FULL, TakeoverTransition.ANNOUNCED, 0);
        assertThat(sim.offer(request)).isTrue();
        assertThat(sim.offer(request)).as("a second takeover while one is on its way is refused").isFalse();
        assertThat(sim.offer(new TakeoverRequest("no-such-conversation", 0, "agent-01", TakeoverTrigger.ALERT, "a", TakeoverMode.FULL,
                TakeoverTransition.ANNOUNCED, 0))).isFalse();
        while (sim.hasNext()) {
            seen.add(sim.next());
        }
        List<ConversationEvent> conv = seen.stream().filter(e -> e.getConversationId().equals(conversation)).toList();
        int at = -1;
        for (int i = 0; i < conv.size(); i++) {
            if (conv.get(i).getPayload() instanceof Takeover) {
                at = i;
            }
        }
        assertThat(at).as("takeover event in %s", conv).isPositive();
        Takeover t = (Takeover) conv.get(at).getPayload();
        assertThat(t.getTrigger()).isEqualTo(TakeoverTrigger.ALERT);
        assertThat(t.getAlertId()).isEqualTo("alert-123");
        assertThat(t.getAgentId()).isEqualTo("agent-03");
        assertThat(conv.get(at).getEventTime()).isGreaterThanOrEqualTo(alertTime + 30_000);
        // announced full takeover: the agent greets, then the conversation goes on with the agent, no more AI
        assertThat(conv.get(at + 1).getPayload()).isInstanceOf(AgentMessage.class);
        assertThat(((AgentMessage) conv.get(at + 1).getPayload()).getText()).contains("Jonas"); // agent-03
        assertThat(conv.subList(at, conv.size())).noneMatch(e -> e.getPayload() instanceof AiMessage);
        assertThat(conv.subList(at, conv.size()).stream().filter(e -> e.getPayload() instanceof AgentMessage).count()).isGreaterThanOrEqualTo(2);
        assertThat(conv.get(conv.size() - 1).getPayload()).isInstanceOf(ConversationEnded.class);
        ConversationFacts f = sim.drainFinished().stream().filter(x -> x.conversationId().equals(conversation)).findFirst().orElseThrow();
        assertThat(f.takeover().alertId()).isEqualTo("alert-123");
        assertThat(f.takeover().time()).isEqualTo(conv.get(at).getEventTime());
    }

    @Test
    void startInstantAndLimitAreHonoured() {
        Instant start = Instant.parse("2026-03-01T00:00:00Z");
        List<ConversationEvent> ev = ConversationSimulator.generate(SimulationConfig.defaults(1).withStart(start).withMaxConversations(25));
        assertThat(ev.stream().map(ConversationEvent::getConversationId).distinct().count()).isEqualTo(25);
        assertThat(ev).allMatch(e -> e.getEventTime() >= start.toEpochMilli());
        assertThat(Arrays.asList(ev.get(0).getEventId().split("-"))).hasSize(3);
    }

    private static double meanConfidence(Topic topic) {
        return facts.values().stream().filter(f -> f.topic() == topic && f.language() == Language.EN)
                .flatMap(f -> byConversation.get(f.conversationId()).stream())
                .filter(e -> e.getPayload() instanceof AiMessage)
                .mapToDouble(e -> ((AiMessage) e.getPayload()).getConfidence()).average().orElseThrow();
    }
}
