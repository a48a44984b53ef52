package io.cairn.storage;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One bucket's view of the keyspace (a Redis database number, or a named bucket). Reads
 * never return an expired entry: an entry past its deadline is deleted on the spot (passive
 * expiry), so a read after the deadline cannot see the value.
 */
public final class Bucket {

    private final Keyspace keyspace;
    private final int id;

    Bucket(Keyspace keyspace, int id) {
        this.keyspace = keyspace;
        this.id = id;
    }

    public int id() {
        return id;
    }

    /** The live entry of {@code key}, or null; does not count toward keyspace hits/misses. */
    public Entry get(byte[] key) {
        Entry e = keyspace.engine().get(id, key);
        if (e != null && e.hasExpiry() && e.isExpiredAt(keyspace.now())) { // most keys need no clock read
            expire(key, e);
            return null;
        }
        return e;
    }

    /** Like {@link #get} but counted as a read in INFO's keyspace_hits/keyspace_misses. */
    public Entry read(byte[] key) {
        Entry e = get(key);
        (e == null ? keyspace.misses : keyspace.hits).incrementAndGet();
        return e;
    }

    public boolean exists(byte[] key) {
        return get(key) != null;
    }

    /** The key's generation, 0 when absent (what WATCH and IFGEN compare). */
    public long generationOf(byte[] key) {
        Entry e = get(key);
        return e == null ? 0 : e.generation();
    }

    /** Writes a whole new entry with a fresh generation and returns it. */
    public Entry put(byte[] key, ValueType type, byte[] value, long expireAt, byte[] meta) {
        BucketPolicy policy = keyspace.policy(id);
        if (policy != null && policy.defaultTtlMillis() > 0 && expireAt != Entry.NO_EXPIRY) {
            // An in-place change (APPEND, INCR...) passes the key's deadline on; in a bucket with
            // a default TTL, KVdb's rule is that an update without a TTL starts the default over.
            Entry current = get(key);
            if (current != null && current.expireAt() == expireAt) expireAt = Entry.NO_EXPIRY;
        }
        Entry e = newEntry(type, value, expireAt, meta);
        if (policy != null) policy.check(key, e);
        keyspace.engine().commit(WriteBatch.put(id, key, e));
        return e;
    }

    /**
     * An entry with a fresh generation, for building a {@link WriteBatch}. In a bucket with a
     * default TTL, an entry written without an expiry gets one, counted from now (KVdb).
     */
    public Entry newEntry(ValueType type, byte[] value, long expireAt, byte[] meta) {
        if (expireAt == Entry.NO_EXPIRY) {
            BucketPolicy policy = keyspace.policy(id);
            if (policy != null && policy.defaultTtlMillis() > 0) expireAt = keyspace.now() + policy.defaultTtlMillis();
        }
        return new Entry(type, value, expireAt, keyspace.nextGeneration(), meta);
    }

    /**
     * The deadline an in-place change of {@code current} writes: the key's own, or, in a bucket
     * with a default TTL, none, so that {@link #newEntry} starts the default TTL over (KVdb).
     */
    public long expiryForUpdate(Entry current) {
        if (current == null) return Entry.NO_EXPIRY;
        BucketPolicy policy = keyspace.policy(id);
        return policy != null && policy.defaultTtlMillis() > 0 ? Entry.NO_EXPIRY : current.expireAt();
    }

    /** Deletes {@code key}; true if a live entry was there. */
    public boolean delete(byte[] key) {
        if (get(key) == null) return false;
        keyspace.engine().commit(WriteBatch.delete(id, key));
        return true;
    }

    public boolean commit(WriteBatch batch) {
        return keyspace.commit(batch);
    }

    /** Keys in the bucket, expired ones included until reclaimed, as Redis's DBSIZE counts them. */
    public long size() {
        return keyspace.engine().count(id);
    }

    public long sizeExpiring() {
        return keyspace.engine().countExpiring(id);
    }

    public void clear() {
        keyspace.engine().clear(id);
    }

    /**
     * Live entries in key order from {@code from} (inclusive, null = first) to {@code to}
     * (exclusive, null = no bound); in reverse, from the last key down.
     */
    public Iterator<KeyEntry> scan(byte[] from, byte[] to, boolean reverse) {
        Iterator<KeyEntry> raw = keyspace.engine().scan(id, from, to, reverse);
        long now = keyspace.now();
        return new Iterator<>() {
            private KeyEntry next = advance();

            private KeyEntry advance() {
                while (raw.hasNext()) {
                    KeyEntry ke = raw.next();
                    if (!ke.entry().isExpiredAt(now)) return ke;
                }
                return null;
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public KeyEntry next() {
                if (next == null) throw new NoSuchElementException();
                KeyEntry out = next;
                next = advance();
                return out;
            }
        };
    }

    /** A random live key, or null when the bucket is empty. */
    public byte[] randomKey() {
        Iterator<KeyEntry> first = scan(null, null, false);
        if (!first.hasNext()) return null;
        byte[] lo = first.next().key();
        Iterator<KeyEntry> last = scan(null, null, true);
        byte[] hi = last.hasNext() ? last.next().key() : lo;
        // Keys are sorted, not hashed: pick a random point between the first and last key and
        // take the next key from there.
        byte[] probe = randomBetween(lo, hi);
        Iterator<KeyEntry> it = scan(probe, null, false);
        return it.hasNext() ? it.next().key() : lo;
    }

    private static byte[] randomBetween(byte[] lo, byte[] hi) {
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        int len = Math.max(lo.length, hi.length);
        byte[] out = new byte[len];
        boolean aboveLo = false, belowHi = false;
        for (int i = 0; i < len; i++) {
            int min = aboveLo ? 0 : (i < lo.length ? lo[i] & 0xFF : 0);
            int max = belowHi ? 255 : (i < hi.length ? hi[i] & 0xFF : 255);
            if (min > max) max = min;
            int b = min + rnd.nextInt(max - min + 1);
            out[i] = (byte) b;
            if (b > min) aboveLo = true;
            if (b < max) belowHi = true;
        }
        return out;
    }

    void expire(byte[] key, Entry seen) {
        WriteBatch b = WriteBatch.delete(id, key).check(id, key, seen.generation());
        if (keyspace.engine().commit(b)) keyspace.expiredKeys.incrementAndGet();
    }
}
