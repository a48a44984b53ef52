package io.cairn.server.commands;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import io.cairn.protocol.Reply;
import io.cairn.server.Session;
import io.cairn.server.command.Args;
import io.cairn.server.command.CommandException;
import io.cairn.server.command.Errors;
import io.cairn.storage.KeyEntry;

/**
 * SCAN cursor [MATCH pattern] [COUNT count] [TYPE type] over the sorted keyspace: each page
 * examines up to COUNT keys in key order (only inside MATCH's literal-prefix range), and the
 * returned cursor resumes right after the last key examined (see {@link ScanCursors}). As in
 * Redis, COUNT bounds the work rather than the reply, so a page may come back short or empty
 * with a non-zero cursor; "0" comes back only once no key remains.
 */
final class KeyScan {

    private static final long DEFAULT_COUNT = 10;

    private final ScanCursors cursors = new ScanCursors();

    Reply scan(Session s, Args a) {
        long cursor = parseCursor(a.bytes(1));
        byte[] pattern = null;
        byte[] type = null;
        long count = DEFAULT_COUNT;
        for (int i = 2; i < a.count(); i++) {
            boolean hasValue = i + 1 < a.count();
            if (a.is(i, "COUNT") && hasValue) {
                count = a.longAt(++i);
                if (count < 1) throw Errors.syntax();
            } else if (a.is(i, "MATCH") && hasValue) {
                pattern = KeyListing.patternOrNull(a.bytes(++i));
            } else if (a.is(i, "TYPE") && hasValue) {
                type = a.bytes(++i);
            } else {
                throw Errors.syntax();
            }
        }
        byte[] after = null;
        if (cursor != 0) {
            after = cursors.positionOf(cursor);
            if (after == null) throw invalidCursor();
        }

        String typeName = type == null ? null : new String(type, StandardCharsets.UTF_8);
        Iterator<KeyEntry> it = KeyListing.candidates(s.bucket(), pattern, after);
        List<Reply> keys = new ArrayList<>();
        byte[] last = null;
        for (long examined = 0; examined < count && it.hasNext(); examined++) {
            KeyEntry ke = it.next();
            last = ke.key();
            if (!KeyListing.matches(pattern, last)) continue;
            // Redis 7.0 compares type names ignoring case; an unknown name simply matches nothing.
            if (typeName != null && !ke.entry().type().typeName().equalsIgnoreCase(typeName)) continue;
            keys.add(Reply.bulk(last));
        }
        long next = 0;
        if (it.hasNext()) next = cursors.advance(cursor, last);
        else cursors.finish(cursor);
        return Reply.array(Reply.bulk(Long.toUnsignedString(next)), Reply.array(keys));
    }

    /** Redis takes the cursor as an unsigned 64-bit decimal; anything else is "invalid cursor". */
    private static long parseCursor(byte[] raw) {
        if (raw.length == 0 || raw.length > 20) throw invalidCursor();
        for (byte b : raw) if (b < '0' || b > '9') throw invalidCursor();
        try {
            return Long.parseUnsignedLong(new String(raw, StandardCharsets.US_ASCII));
        } catch (NumberFormatException e) {
            throw invalidCursor();
        }
    }

    private static CommandException invalidCursor() {
        return Errors.err("invalid cursor");
    }
}
