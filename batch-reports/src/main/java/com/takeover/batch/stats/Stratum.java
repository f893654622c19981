package com.takeover.batch.stats;

/** Conversations of one risk stratum, split into the taken-over and the AI-only arm. */
public record Stratum(String key, ArmSummary takenOver, ArmSummary aiOnly) {}
