package io.cairn.storage;

import java.io.Closeable;
import java.nio.file.Path;
import java.util.Iterator;

/**
 * The narrow interface of DESIGN.md section 9: everything the keyspace needs from a store.
 * Point get, an ordered range scan in either direction, and an atomic batch of writes with
 * generation preconditions. MapDB is the embedded engine; a replicated engine (etcd) comes later
 * behind this same interface, so nothing here may assume a local file.
 *
 * <p>Entries are returned as stored, expired or not: expiry is the keyspace's policy, not the
 * engine's. Keys are compared by unsigned byte order within a bucket.
 */
public interface StorageEngine extends Closeable {

    /** The entry stored under {@code key} in {@code bucket}, or null. */
    Entry get(int bucket, byte[] key);

    /**
     * Entries of {@code bucket} in key order starting at {@code from} (inclusive; null = the
     * bucket's first key, or its last when {@code reverse}), up to {@code to} (exclusive in the
     * direction of travel; null = no bound).
     */
    Iterator<KeyEntry> scan(int bucket, byte[] from, byte[] to, boolean reverse);

    /**
     * Applies every write of {@code batch} as one unit, or none of them when a precondition
     * fails. Atomic with respect to every other caller and, once durable, to crashes.
     */
    boolean commit(WriteBatch batch);

    /** Number of entries stored in {@code bucket}, expired ones included until reclaimed. */
    long count(int bucket);

    /** Number of entries of {@code bucket} that carry an expiry time. */
    long countExpiring(int bucket);

    /** Removes every entry of {@code bucket}. */
    void clear(int bucket);

    /** Exchanges the contents of two buckets atomically (SWAPDB). */
    void swap(int bucketA, int bucketB);

    /**
     * Keys whose entries expire at or before {@code upToMillis}, earliest first, at most
     * {@code limit}. May include keys that were since rewritten: callers re-check the entry.
     */
    Iterator<ExpiryRef> expiring(long upToMillis, int limit);

    /** The highest generation ever committed, so that generations survive restarts. */
    long lastGeneration();

    /** Makes everything committed so far durable before returning (SAVE). */
    void sync();

    /** Facts for INFO persistence. */
    EngineStats stats();

    /** The position of the last commit in commit order; grows with every commit. */
    long commitPosition();

    /**
     * Whether a reply may leave for a write committed at {@code position}: under the fsync
     * policy {@code always} only once it is on disk, under the others at once.
     */
    boolean isDurable(long position);

    /**
     * Runs {@code action}, on any thread, once {@link #isDurable(long)} holds for {@code position}.
     * Under {@code always} the commit that makes it so may wait a moment to group more writes;
     * {@link #commitNow()} ends the wait.
     */
    void whenDurable(long position, Runnable action);

    /** Makes the writes committed so far durable now rather than after a short grouping wait. */
    void commitNow();

    /**
     * Opens a unit of work: every commit until the matching {@link #endUnit()} survives a crash
     * together or not at all (one command, one EXEC). Units nest; the outermost one counts. The
     * caller must call {@code endUnit()} in a finally block, on the same thread.
     */
    void beginUnit();

    void endUnit();

    /** Changes when commits are forced to disk (CONFIG SET appendfsync). */
    void setFsyncPolicy(FsyncPolicy policy);

    /**
     * Writes a consistent copy of the store into {@code target}, while clients go on, from
     * which an engine opened on {@code target} starts with every write committed before the call.
     */
    void backup(Path target) throws java.io.IOException;
}
