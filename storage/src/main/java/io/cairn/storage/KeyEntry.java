package io.cairn.storage;

/** A key with its entry, as a scan yields them. */
public record KeyEntry(byte[] key, Entry entry) {}
