package io.cairn.storage;

/** "The key {@code key} of {@code bucket} was set to expire at {@code expireAt}." */
public record ExpiryRef(long expireAt, int bucket, byte[] key) {}
