package io.cairn.storage;

import java.util.Locale;

/** Redis's appendfsync: when the commit log is forced to disk. */
public enum FsyncPolicy {
    /** Before a write's reply leaves: one fsync serves every write that arrived meanwhile. */
    ALWAYS,
    /** At least once a second; a kill -9 loses only what was not yet written to the OS. */
    EVERYSEC,
    /** Never by Cairn: the OS writes back when it chooses. */
    NO;

    /** The policy named as in redis.conf ({@code always}, {@code everysec}, {@code no}). */
    public static FsyncPolicy parse(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
