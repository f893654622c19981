package com.takeover.simulate;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The simulator's only source of randomness: a seeded {@link SplittableRandom} with the
 * distributions the simulation needs. Every stream is derived from (seed, a stable key), so the
 * same seed always yields the same conversations, decisions and outcomes, whatever the order in
 * which they are asked for.
 */
final class Rng {
    private final SplittableRandom random;

    Rng(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** A stream derived from a seed and a salt/key; independent of every other derived stream. */
    static Rng derive(long seed, long salt, String key) {
        return new Rng(mix(mix(seed ^ salt) ^ hash64(key)));
    }

    static Rng derive(long seed, long salt, long key) {
        return new Rng(mix(mix(seed ^ salt) + 0x9E3779B97F4A7C15L * (key + 1)));
    }

    /** SplitMix64 finaliser: a good 64-bit mix of a seed. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** FNV-1a 64 over UTF-8: stable across JVMs (String.hashCode is only 32 bits). */
    static long hash64(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= (b & 0xff);
            h *= 0x100000001b3L;
        }
        return h;
    }

    double uniform() {
        return random.nextDouble();
    }

    double uniform(double from, double to) {
        return from + (to - from) * random.nextDouble();
    }

    /** Uniform integer in [from, to] inclusive. */
    int between(int from, int to) {
        return from + random.nextInt(to - from + 1);
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    boolean chance(double p) {
        return random.nextDouble() < p;
    }

    double gaussian() {
        // Box-Muller; SplittableRandom has no nextGaussian before Java 17's RandomGenerator default, keep it explicit
        double u1 = 1.0 - random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }

    double normal(double mean, double sd) {
        return mean + sd * gaussian();
    }

    /** Log-normal with the given median and log-scale sigma. */
    double lognormal(double median, double sigma) {
        return median * Math.exp(sigma * gaussian());
    }

    double exponential(double mean) {
        return -mean * Math.log(1.0 - random.nextDouble());
    }

    <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    <T> T pick(T[] items) {
        return items[random.nextInt(items.length)];
    }

    /** Index drawn with probability proportional to its weight. */
    int weighted(double[] weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double x = random.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            x -= weights[i];
            if (x < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    static double sigmoid(double x) {
        return 1.0 / (1.0 + Math.exp(-x));
    }

    static double clamp(double x, double lo, double hi) {
        return Math.max(lo, Math.min(hi, x));
    }
}
