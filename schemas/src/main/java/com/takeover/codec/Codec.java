package com.takeover.codec;

import java.io.Serializable;

/**
 * Turns one record type into bytes and back. Implementations are serializable so a Flink job can
 * ship them to its tasks, and safe to share between threads.
 *
 * @param <T> the record type
 */
public interface Codec<T> extends Serializable {

    /**
     * Encodes a record.
     *
     * @throws IllegalArgumentException when the record breaks its schema (e.g. null in a
     *     non-nullable field); the message names the field
     */
    byte[] encode(T record);

    /**
     * Decodes one record; never returns null.
     *
     * @throws DecodeException naming the field and what is wrong with it
     */
    T decode(byte[] bytes) throws DecodeException;
}
