package com.takeover.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.takeover.schema.Severity;
import com.takeover.schema.TakeoverAlert;
import com.takeover.schema.TakeoverTrigger;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SupervisorSimulatorTest {
    private final SupervisorSimulator supervisors = new SupervisorSimulator(11);

    @Test
    void theSameAlertAlwaysGetsTheSameDecision() {
        TakeoverAlert alert = alert("a-1", Severity.HIGH, 0.8, "vip");
        Optional<TakeoverRequest> first = supervisors.decide(alert);
        for (int i = 0; i < 5; i++) {
            assertThat(supervisors.decide(alert)).isEqualTo(first);
            assertThat(new SupervisorSimulator(11).decide(alert)).isEqualTo(first);
        }
    }

    @Test
    void takeoverRatesFollowSeverityRiskAndSegment() {
        assertThat(SupervisorSimulator.takeoverProbability(Severity.LOW, 0, "standard")).isEqualTo(0.10);
        assertThat(SupervisorSimulator.takeoverProbability(Severity.HIGH, 0.8, "vip")).isCloseTo(0.85, within(1e-12));
        assertThat(SupervisorSimulator.takeoverProbability(Severity.CRITICAL, 1, "vip")).isEqualTo(0.95);
        for (Severity s : Severity.values()) {
            for (String segment : List.of("standard", "vip")) {
                int taken = 0;
                int n = 4000;
                for (int i = 0; i < n; i++) {
                    Optional<TakeoverRequest> r = supervisors.decide(alert(s + "-" + segment + "-" + i, s, 0.4, segment));
                    if (r.isPresent()) {
                        taken++;
                        TakeoverRequest req = r.get();
                        assertThat(req.trigger()).isEqualTo(TakeoverTrigger.ALERT);
                        assertThat(req.alertId()).isEqualTo(s + "-" + segment + "-" + i);
                        assertThat(req.notBefore()).isGreaterThan(1_000_000L);
                        assertThat(req.agentId()).matches("agent-(0[1-9]|1[0-2])");
                    }
                }
                assertThat(taken / (double) n).as("%s %s", s, segment)
                        .isCloseTo(SupervisorSimulator.takeoverProbability(s, 0.4, segment), within(0.03));
            }
        }
    }

    @Test
    void criticalAlertsAreActedOnFasterThanLowOnes() {
        double critical = meanDelay(Severity.CRITICAL);
        double low = meanDelay(Severity.LOW);
        assertThat(critical).isLessThan(low / 2);
    }

    private double meanDelay(Severity s) {
        return java.util.stream.IntStream.range(0, 3000)
                .mapToObj(i -> supervisors.decide(alert("d-" + s + i, s, 1.0, "vip")))
                .flatMap(Optional::stream).mapToLong(r -> r.notBefore() - 1_000_000L).average().orElseThrow();
    }

    static TakeoverAlert alert(String id, Severity severity, double risk, String segment) {
        return TakeoverAlert.newBuilder().setAlertId(id).setConversationId("c-" + id).setRuleId("rule").setRuleVersion(1)
                .setSeverity(severity).setAlertTime(1_000_000L).setRisk(risk).setReasons(List.of()).setSegment(segment)
                .setPreview(List.of()).build();
    }
}
