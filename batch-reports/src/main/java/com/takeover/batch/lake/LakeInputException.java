package com.takeover.batch.lake;

/** A missing or invalid input file or dataset; the message names it. The CLI maps it to exit code 3. */
public final class LakeInputException extends RuntimeException {
    public LakeInputException(String message) {
        super(message);
    }

    public LakeInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
