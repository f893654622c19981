package com.takeover.codec;

import java.util.ArrayDeque;

/**
 * A decoding or encoding problem on its way up the schema walk: each level it passes adds its
 * path segment, so the happy path pays nothing for path tracking. No stack trace (it is a
 * message, not a bug).
 */
final class PathError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String reason;
    private final ArrayDeque<String> segments = new ArrayDeque<>(4);

    PathError(String reason) {
        super(reason, null, false, false);
        this.reason = reason;
    }

    String reason() {
        return reason;
    }

    /** Prepends a record field or union branch name. */
    PathError in(String name) {
        segments.addFirst("." + name);
        return this;
    }

    /** Prepends an array index. */
    PathError at(long index) {
        segments.addFirst("[" + index + "]");
        return this;
    }

    /** Prepends a map key. */
    PathError key(String key) {
        segments.addFirst("[" + key + "]");
        return this;
    }

    /** Dotted path, or null at the top level. */
    String path() {
        if (segments.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (String s : segments) {
            sb.append(s);
        }
        return sb.charAt(0) == '.' ? sb.substring(1) : sb.toString();
    }

    @Override
    public String getMessage() {
        String path = path();
        return path == null ? reason : "field " + path + ": " + reason;
    }

    DecodeException toDecodeException() {
        return new DecodeException(path(), reason);
    }
}
