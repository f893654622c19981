package com.takeover.batch.reports;

import com.takeover.batch.stats.RiskBins;

/**
 * Knobs of the nightly reports.
 *
 * @param windowDays each date's report covers the conversations that ended in this many days up to it
 * @param trendDays days in the trend
 * @param riskBins fixed-width strata of the risk score used to compare like with like
 * @param minPerArm the minimum sample: fewer taken-over or AI-only conversations than this → "too little data"
 * @param actedWithinMinutes an alert counts as acted on when the conversation is taken over within this many minutes
 * @param highRisk a conversation whose highest pre-takeover risk reached this is high-risk
 * @param minAlertsToJudge a rule with fewer alerts than this gets no tighten/loosen advice
 */
public record ReportSettings(int windowDays, int trendDays, int riskBins, int minPerArm, int actedWithinMinutes,
        double highRisk, int minAlertsToJudge) {

    public static ReportSettings defaults() {
        return new ReportSettings(7, 30, 10, 30, 5, 0.7, 20);
    }

    public RiskBins bins() {
        return new RiskBins(riskBins);
    }

    public ReportSettings withWindowDays(int days) {
        return new ReportSettings(days, trendDays, riskBins, minPerArm, actedWithinMinutes, highRisk, minAlertsToJudge);
    }

    public ReportSettings withMinPerArm(int n) {
        return new ReportSettings(windowDays, trendDays, riskBins, n, actedWithinMinutes, highRisk, minAlertsToJudge);
    }

    public ReportSettings withRiskBins(int n) {
        return new ReportSettings(windowDays, trendDays, n, minPerArm, actedWithinMinutes, highRisk, minAlertsToJudge);
    }
}
