package io.cairn.storage;

/**
 * A write refused by its bucket's {@link BucketPolicy}; thrown before anything is committed, so
 * the command that caused it changed nothing. The message is the error text without "ERR ".
 */
public final class BucketLimitException extends RuntimeException {

    public BucketLimitException(String message) {
        super(message, null, false, false);
    }
}
