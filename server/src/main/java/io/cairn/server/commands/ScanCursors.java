package io.cairn.server.commands;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

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
 * resuming someone else's position. A cursor stays valid when reused, so a client retrying a
 * page after a network error gets the same continuation. The table is bounded (count and
 * bytes, least recently used first out) because abandoned scans never say goodbye.
 */
final class ScanCursors {

    static final int MAX_CURSORS = 100_000;
    static final long MAX_BYTES = 64L << 20;
    private static final long LIMIT = 1L << 53;

    private long bytes;
    /** Access-ordered: iteration starts at the least recently used cursor. */
    private final LinkedHashMap<Long, byte[]> positions = new LinkedHashMap<>(1024, 0.75f, true);

    /** A new cursor number standing for "resume after {@code lastKey}". */
    synchronized long remember(byte[] lastKey) {
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        long cursor;
        do {
            cursor = 1 + rnd.nextLong(LIMIT - 1);
        } while (positions.containsKey(cursor));
        bytes += lastKey.length;
        positions.put(cursor, lastKey);
        Iterator<Map.Entry<Long, byte[]>> oldest = positions.entrySet().iterator();
        while ((positions.size() > MAX_CURSORS || bytes > MAX_BYTES) && positions.size() > 1) {
            bytes -= oldest.next().getValue().length;
            oldest.remove();
        }
        return cursor;
    }

    /** The key a cursor resumes after, or null when the table does not know it. */
    synchronized byte[] positionOf(long cursor) {
        return positions.get(cursor);
    }
}
