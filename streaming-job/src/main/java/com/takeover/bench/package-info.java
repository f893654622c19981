/**
 * Benchmark harnesses behind {@code bin/takeover bench throughput|latency|memory}: a real broker on loopback
 * and the job on a local Flink cluster, fed with simulated conversations; each prints its figures. Never used
 * by the job itself.
 */
package com.takeover.bench;
