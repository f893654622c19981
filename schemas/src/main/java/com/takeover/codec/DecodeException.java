package com.takeover.codec;

/**
 * Input that cannot be decoded into a record: says which field (a dotted path such as
 * {@code payload.CustomerMessage.text} or {@code reasons[2].value}) and why.
 */
public class DecodeException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String field;
    private final String reason;

    /**
     * @param field dotted path of the offending field, or null when the problem is not in a field
     *     (bad marker, unknown fingerprint, not JSON, trailing bytes...)
     * @param reason what is wrong, in plain words
     */
    public DecodeException(String field, String reason) {
        this(field, reason, null);
    }

    public DecodeException(String field, String reason, Throwable cause) {
        super(field == null ? reason : "field " + field + ": " + reason, cause);
        this.field = field;
        this.reason = reason;
    }

    /** Dotted path of the offending field; null when the problem is not inside a field. */
    public String field() {
        return field;
    }

    /** What is wrong, without the field path. */
    public String reason() {
        return reason;
    }
}
