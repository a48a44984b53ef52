package io.cairn.server.kv;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

import io.cairn.protocol.Reply;
import io.cairn.server.Glob;
import io.cairn.server.Server;
import io.cairn.server.Session;
import io.cairn.server.command.Args;
import io.cairn.server.command.Errors;
import io.cairn.storage.KeyEntry;

/**
 * KV.LIST [PREFIX p | MATCH glob] [CURSOR c] [LIMIT n] [SKIP n] [REVERSE] [VALUES] [WITHMETA]
 * (DESIGN.md section 4). Keys are sorted, so a prefix (or a glob's literal prefix) bounds the
 * range walked: a page costs O(log n + what it walks), however large the bucket. Replies
 * {@code [next-cursor, items]}, next-cursor empty when the listing is done.
 */
final class KvList {

    static final int DEFAULT_LIMIT = 1000;
    static final int MAX_LIMIT = 10_000;

    private final Server server;

    KvList(Server server) {
        this.server = server;
    }

    Reply handle(Session s, Args a) {
        byte[] prefix = null, match = null;
        ListCursor cursor = null;
        long limit = DEFAULT_LIMIT, skip = 0;
        boolean reverse = false, values = false, withMeta = false;
        for (int i = 1; i < a.count(); i++) {
            if (a.is(i, "PREFIX")) {
                prefix = a.bytes(i = KvOptions.valueIndex(a, i));
            } else if (a.is(i, "MATCH")) {
                match = a.bytes(i = KvOptions.valueIndex(a, i));
            } else if (a.is(i, "CURSOR")) {
                byte[] c = a.bytes(i = KvOptions.valueIndex(a, i));
                cursor = c.length == 0 ? null : ListCursor.decode(c);
            } else if (a.is(i, "LIMIT")) {
                limit = KvOptions.positive(a, i = KvOptions.valueIndex(a, i), "LIMIT");
                if (limit > MAX_LIMIT) throw Errors.err("LIMIT must be at most " + MAX_LIMIT);
            } else if (a.is(i, "SKIP")) {
                skip = KvOptions.nonNegative(a, i = KvOptions.valueIndex(a, i), "SKIP");
            } else if (a.is(i, "REVERSE")) {
                reverse = true;
            } else if (a.is(i, "VALUES")) {
                values = true;
            } else if (a.is(i, "WITHMETA")) {
                withMeta = true;
            } else {
                throw KvOptions.unknownOption(a, i, "kv.list");
            }
        }
        if (prefix != null && match != null) throw Errors.err("PREFIX and MATCH cannot be combined");
        if (cursor != null && cursor.reverse() != reverse) {
            throw Errors.err("the cursor was issued for a listing in the other direction");
        }
        if (match != null && match.length == 1 && match[0] == '*') match = null;
        byte[] lo = prefix != null ? prefix : match != null ? Glob.literalPrefix(match) : new byte[0];
        byte[] hi = lo.length == 0 ? null : Glob.prefixEnd(lo);

        Iterator<KeyEntry> it = range(s, lo, hi, cursor, reverse);
        List<Reply> items = new ArrayList<>();
        byte[] last = null;
        boolean more = false;
        while (it.hasNext()) {
            KeyEntry ke = it.next();
            if (match != null && !Glob.matches(match, ke.key(), false)) continue;
            if (skip > 0) {
                skip--;
                continue;
            }
            if (items.size() == limit) {
                more = true;
                break;
            }
            items.add(item(ke, values, withMeta));
            last = ke.key();
        }
        String next = more ? new ListCursor(last, reverse).encode() : "";
        return Reply.array(Reply.bulk(next.getBytes(StandardCharsets.US_ASCII)), Reply.array(items));
    }

    /** Live entries in [lo, hi) in the asked direction, strictly after the cursor's key. */
    private static Iterator<KeyEntry> range(Session s, byte[] lo, byte[] hi, ListCursor cursor, boolean reverse) {
        byte[] from = lo.length == 0 ? null : lo;
        if (!reverse) {
            if (cursor != null) {
                byte[] after = Arrays.copyOf(cursor.lastKey(), cursor.lastKey().length + 1);
                if (from == null || Arrays.compareUnsigned(after, from) > 0) from = after;
            }
            if (from != null && hi != null && Arrays.compareUnsigned(from, hi) >= 0) return java.util.Collections.emptyIterator();
            return s.bucket().scan(from, hi, false);
        }
        // Reverse: the scan starts at an inclusive upper key and stops before an exclusive lower one.
        // hi and the cursor's key are both excluded: hi is past the prefix, the key was returned.
        byte[] top = hi;
        if (cursor != null && (top == null || Arrays.compareUnsigned(cursor.lastKey(), top) < 0)) top = cursor.lastKey();
        boolean skipTop = top != null;
        // No key sorts just below the prefix, so the walk down stops itself on leaving it.
        Iterator<KeyEntry> raw = s.bucket().scan(top, null, true);
        final byte[] excluded = skipTop ? top : null;
        final byte[] lower = from;
        return new Iterator<>() {
            private KeyEntry next = advance();

            private KeyEntry advance() {
                while (raw.hasNext()) {
                    KeyEntry ke = raw.next();
                    if (excluded != null && Arrays.equals(ke.key(), excluded)) continue;
                    if (lower != null && Arrays.compareUnsigned(ke.key(), lower) < 0) return null;
                    return ke;
                }
                return null;
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public KeyEntry next() {
                KeyEntry out = next;
                next = advance();
                return out;
            }
        };
    }

    private static Reply item(KeyEntry ke, boolean values, boolean withMeta) {
        if (withMeta) return EntryReplies.withMeta(ke.key(), ke.entry(), values);
        if (values) return Reply.array(Reply.bulk(ke.key()), Reply.bulk(ke.entry().value()));
        return Reply.bulk(ke.key());
    }
}
