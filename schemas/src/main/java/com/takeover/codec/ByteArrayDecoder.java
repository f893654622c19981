package com.takeover.codec;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.avro.io.Decoder;
import org.apache.avro.util.Utf8;

/**
 * Avro binary decoding over one byte array, strict and bounded: every length and block count is
 * checked against the bytes that are left before anything is allocated, so a corrupt length
 * cannot ask for gigabytes. Problems surface as {@link PathError}s with a precise reason; the
 * schema walk above adds the field path.
 */
final class ByteArrayDecoder extends Decoder {

    private final byte[] buf;
    private final int limit;
    private final boolean boundBlockCounts;
    private int pos;

    /**
     * @param boundBlockCounts whether an array block may claim at most as many items as bytes
     *     are left: true when every array item takes at least one byte (see {@link Schemas})
     */
    ByteArrayDecoder(byte[] buf, int offset, int length, boolean boundBlockCounts) {
        this.buf = buf;
        this.pos = offset;
        this.limit = offset + length;
        this.boundBlockCounts = boundBlockCounts;
    }

    int position() {
        return pos;
    }

    int remaining() {
        return limit - pos;
    }

    boolean isEnd() {
        return pos >= limit;
    }

    @Override
    public void readNull() {
    }

    @Override
    public boolean readBoolean() {
        if (pos >= limit) {
            throw new PathError("truncated: no byte left for a boolean");
        }
        byte b = buf[pos++];
        if (b == 0) {
            return false;
        }
        if (b == 1) {
            return true;
        }
        throw new PathError(String.format("invalid boolean byte 0x%02X (expected 0 or 1)", b & 0xFF));
    }

    @Override
    public int readInt() {
        return readInt("an int");
    }

    int readInt(String what) {
        long n = readLong(what);
        if (n != (int) n) {
            throw new PathError("invalid " + what.substring(what.indexOf(' ') + 1) + ": " + n + " is out of int range");
        }
        return (int) n;
    }

    @Override
    public long readLong() {
        return readLong("a long");
    }

    /** Zig-zag varint; {@code what} names the value for error messages ("a string length"). */
    long readLong(String what) {
        long raw = 0;
        int shift = 0;
        int start = pos;
        while (true) {
            if (pos >= limit) {
                throw new PathError(pos == start
                        ? "truncated: no bytes left for " + what
                        : "truncated: data ends inside " + what);
            }
            int b = buf[pos++] & 0xFF;
            if (shift == 63 && b > 1) {
                throw new PathError("invalid varint for " + what + ": more than 64 bits");
            }
            raw |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return (raw >>> 1) ^ -(raw & 1);
            }
            shift += 7;
            if (shift > 63) {
                throw new PathError("invalid varint for " + what + ": more than 10 bytes");
            }
        }
    }

    @Override
    public float readFloat() {
        need(4, "a float");
        int bits = (buf[pos] & 0xFF) | (buf[pos + 1] & 0xFF) << 8 | (buf[pos + 2] & 0xFF) << 16 | (buf[pos + 3] & 0xFF) << 24;
        pos += 4;
        return Float.intBitsToFloat(bits);
    }

    @Override
    public double readDouble() {
        need(8, "a double");
        long lo = (buf[pos] & 0xFFL) | (buf[pos + 1] & 0xFFL) << 8 | (buf[pos + 2] & 0xFFL) << 16 | (buf[pos + 3] & 0xFFL) << 24;
        long hi = (buf[pos + 4] & 0xFFL) | (buf[pos + 5] & 0xFFL) << 8 | (buf[pos + 6] & 0xFFL) << 16 | (buf[pos + 7] & 0xFFL) << 24;
        pos += 8;
        return Double.longBitsToDouble(lo | hi << 32);
    }

    @Override
    public String readString() {
        int len = length("string");
        String s = new String(buf, pos, len, StandardCharsets.UTF_8);
        pos += len;
        return s;
    }

    @Override
    public Utf8 readString(Utf8 old) {
        int len = length("string");
        Utf8 result = old != null ? old : new Utf8();
        result.setByteLength(len);
        System.arraycopy(buf, pos, result.getBytes(), 0, len);
        pos += len;
        return result;
    }

    @Override
    public void skipString() {
        int len = length("string"); // not "pos += length()": that would add to the old pos
        pos += len;
    }

    @Override
    public ByteBuffer readBytes(ByteBuffer old) {
        int len = length("bytes");
        ByteBuffer result = old != null && old.capacity() >= len ? old : ByteBuffer.allocate(len);
        result.clear();
        result.put(buf, pos, len);
        result.flip();
        pos += len;
        return result;
    }

    @Override
    public void skipBytes() {
        int len = length("bytes");
        pos += len;
    }

    @Override
    public void readFixed(byte[] bytes, int start, int length) {
        need(length, "a fixed of " + length + " bytes");
        System.arraycopy(buf, pos, bytes, start, length);
        pos += length;
    }

    @Override
    public void skipFixed(int length) {
        need(length, "a fixed of " + length + " bytes");
        pos += length;
    }

    @Override
    public int readEnum() {
        return readInt("an enum index");
    }

    @Override
    public long readArrayStart() {
        return blockCount("array");
    }

    @Override
    public long arrayNext() {
        return blockCount("array");
    }

    @Override
    public long skipArray() {
        return skipBlocks("array");
    }

    @Override
    public long readMapStart() {
        return blockCount("map");
    }

    @Override
    public long mapNext() {
        return blockCount("map");
    }

    @Override
    public long skipMap() {
        return skipBlocks("map");
    }

    @Override
    public int readIndex() {
        return readInt("a union index");
    }

    /** Items in the next block; a negative count is followed by the block's size in bytes. */
    private long blockCount(String kind) {
        long n = readLong("an " + kind + " block count");
        if (n < 0) {
            if (n == Long.MIN_VALUE) {
                throw new PathError("invalid " + kind + " block count " + n);
            }
            n = -n;
            long size = readLong("an " + kind + " block size");
            if (size < 0) {
                throw new PathError("negative " + kind + " block size " + size);
            }
            if (size > remaining()) {
                throw new PathError("truncated: " + kind + " block of " + size + " bytes, only " + remaining() + " left");
            }
        }
        // Every entry takes at least one byte (map keys always do), so a larger count is corrupt
        if (n > remaining() && (boundBlockCounts || kind.equals("map"))) {
            throw new PathError("truncated: " + kind + " block of " + n + " items, only " + remaining() + " bytes left");
        }
        return n;
    }

    private long skipBlocks(String kind) {
        while (true) {
            long n = readLong("an " + kind + " block count");
            if (n >= 0) {
                return n;
            }
            long size = readLong("an " + kind + " block size");
            if (size < 0 || size > remaining()) {
                throw new PathError("truncated: " + kind + " block of " + size + " bytes, only " + remaining() + " left");
            }
            pos += (int) size;
        }
    }

    private int length(String kind) {
        long len = readLong("a " + kind + " length");
        if (len < 0) {
            throw new PathError("negative " + kind + " length " + len);
        }
        if (len > remaining()) {
            throw new PathError("truncated: " + kind + " of " + len + " bytes, only " + remaining() + " left");
        }
        return (int) len;
    }

    private void need(int n, String what) {
        if (n > limit - pos) {
            throw new PathError("truncated: " + what + " needs " + n + " bytes, only " + (limit - pos) + " left");
        }
    }
}
