package com.takeover.scoring;

/**
 * What one customer message says on its own: compound sentiment [-1, 1], whether it asks for a human,
 * the topic its phrases point to (null when none) and whether that topic is sensitive.
 */
public record MessageScore(double sentiment, boolean humanRequested, String topic, boolean sensitiveTopic) {}
