package io.cairn.server.commands;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;

/**
 * The server-side table behind SCAN's cursors: cursor number → the last key the page that
 * handed it out examined. Keys are sorted, so resuming means "every key after that one";
 * that is what makes SCAN return each key present throughout exactly once, in order, no
 * matter how other clients write in between (Redis's reverse-binary cursor only promises
 * "at least once", and a hash-table position means nothing in a sorted store).
 *
 * <p>Why a table instead of putting the key itself in the cursor: clients parse the cursor as
 * a number, and several (go-redis, redis-rs: uint64; node-redis 4: a JavaScript number) cannot
 * hold more than 64, or even 53, bits, while a key may be kilobytes long. So a cursor is a
 * random number below 2^53, safe in every client, standing for the position. Random rather
 * than sequential, so that a cursor from before a restart (when the table is empty) or from
 * another client's evicted scan is reported as "ERR invalid cursor" instead of silently
 * resuming someone else's position.
 *
 * <p>The table is bounded, because abandoned scans never say goodbye. A scan holds one
 * <em>live</em> cursor at a time: continuing from a cursor retires it to a small pool of
 * <em>spent</em> cursors, which is evicted first. So one client walking a million keys does
 * not push other clients' scans out of the table, and a client that lost a reply can still
 * retry its last page with the same cursor for a while.
 */
final class ScanCursors {

    static final int MAX_LIVE = 100_000;
    static final int MAX_SPENT = 10_000;
    static final long MAX_BYTES = 64L << 20;
    private static final long LIMIT = 1L << 53;

    /** Both access-ordered: iteration starts at the least recently used cursor. */
    private final LinkedHashMap<Long, byte[]> live = new LinkedHashMap<>(1024, 0.75f, true);
    private final LinkedHashMap<Long, byte[]> spent = new LinkedHashMap<>(1024, 0.75f, true);
    private long bytes;

    /**
     * The cursor for "resume after {@code lastKey}", retiring {@code from} (0 for a scan's
     * first page) since its scan has moved on.
     */
    synchronized long advance(long from, byte[] lastKey) {
        retire(from);
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        long cursor;
        do {
            cursor = 1 + rnd.nextLong(LIMIT - 1);
        } while (live.containsKey(cursor) || spent.containsKey(cursor));
        bytes += lastKey.length;
        live.put(cursor, lastKey);
        trim();
        return cursor;
    }

    /** The scan that used {@code from} reached its end. */
    synchronized void finish(long from) {
        retire(from);
        trim();
    }

    /** The key a cursor resumes after, or null when the table does not know it. */
    synchronized byte[] positionOf(long cursor) {
        byte[] key = live.get(cursor);
        return key != null ? key : spent.get(cursor);
    }

    private void retire(long cursor) {
        if (cursor == 0) return;
        byte[] key = live.remove(cursor);
        if (key != null) spent.put(cursor, key);
    }

    private void trim() {
        evict(spent, 0, () -> spent.size() > MAX_SPENT || bytes > MAX_BYTES);
        // The newest live cursor always stays: it was just handed out.
        evict(live, 1, () -> live.size() > MAX_LIVE || bytes > MAX_BYTES);
    }

    private void evict(LinkedHashMap<Long, byte[]> map, int keep, BooleanSupplier over) {
        Iterator<Map.Entry<Long, byte[]>> oldest = map.entrySet().iterator();
        while (over.getAsBoolean() && map.size() > keep) {
            bytes -= oldest.next().getValue().length;
            oldest.remove();
        }
    }
}
