package com.takeover.codec;

import com.takeover.schema.ConversationEvent;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;

/**
 * Codec throughput on the event mix the Flink job decodes (not a test: prints figures).
 * Run: {@code java -cp <test classpath> com.takeover.codec.CodecBenchmark [seconds per case]}.
 */
public final class CodecBenchmark {

    private CodecBenchmark() {
    }

    interface Case {
        int run(int i) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3;
        List<ConversationEvent> events = Samples.events();
        int n = events.size();
        AvroBinaryCodec<ConversationEvent> avro = AvroBinaryCodec.of(ConversationEvent.class);
        JsonCodec<ConversationEvent> json = JsonCodec.of(ConversationEvent.class);
        byte[][] avroBytes = events.stream().map(avro::encode).toArray(byte[][]::new);
        byte[][] jsonBytes = events.stream().map(json::encode).toArray(byte[][]::new);
        BinaryMessageEncoder<ConversationEvent> avroOwnEncoder = ConversationEvent.getEncoder();
        BinaryMessageDecoder<ConversationEvent> avroOwnDecoder = ConversationEvent.getDecoder();
        byte[] truncated = java.util.Arrays.copyOf(avroBytes[1], avroBytes[1].length - 3);

        System.out.printf("event mix: %d kinds, avg %.0f bytes binary, %.0f bytes JSON%n", n,
                average(avroBytes), average(jsonBytes));
        report("AvroBinaryCodec.decode", seconds, i -> avro.decode(avroBytes[i % n]).getEventTime() > 0 ? 1 : 0);
        report("Avro BinaryMessageDecoder.decode (reference)", seconds,
                i -> avroOwnDecoder.decode(avroBytes[i % n]).getEventTime() > 0 ? 1 : 0);
        report("AvroBinaryCodec.encode", seconds, i -> avro.encode(events.get(i % n)).length);
        report("Avro BinaryMessageEncoder.encode (reference)", seconds, i -> {
            ByteBuffer b = avroOwnEncoder.encode(events.get(i % n));
            return b.remaining();
        });
        report("JsonCodec.decode", seconds, i -> json.decode(jsonBytes[i % n]).getEventTime() > 0 ? 1 : 0);
        report("JsonCodec.encode", seconds, i -> json.encode(events.get(i % n)).length);
        report("AvroBinaryCodec.decode of a truncated event (error path)", seconds, i -> {
            try {
                avro.decode(truncated);
                return 0;
            } catch (DecodeException e) {
                return e.reason().length();
            }
        });
    }

    private static double average(byte[][] all) {
        return java.util.Arrays.stream(all).mapToInt(b -> b.length).average().orElse(0);
    }

    private static void report(String name, double seconds, Case c) throws Exception {
        long sink = 0;
        long warmEnd = System.nanoTime() + 1_000_000_000L;
        int i = 0;
        while (System.nanoTime() < warmEnd) {
            sink += c.run(i++);
        }
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        long ops = 0;
        while (true) {
            for (int k = 0; k < 1_000; k++) {
                sink += c.run(i++);
            }
            ops += 1_000;
            long now = System.nanoTime();
            if (now >= end) {
                System.out.printf("%-58s %,12.0f records/s%s%n", name, ops / ((now - start) / 1e9), sink == 42 ? " " : "");
                return;
            }
        }
    }
}
