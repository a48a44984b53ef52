package io.cairn.server.kv;

import java.util.ArrayList;
import java.util.List;

import io.cairn.protocol.Reply;
import io.cairn.storage.Entry;

/** How KV.GET WITHMETA and KV.LIST WITHMETA show an entry: a map in RESP3, flat pairs in RESP2. */
final class EntryReplies {

    private EntryReplies() {}

    /**
     * value (when asked), meta (nil when none), generation, expiry (absolute Unix ms, -1 when
     * none, as PEXPIRETIME answers), preceded by the key when {@code key} is not null.
     */
    static Reply withMeta(byte[] key, Entry e, boolean value) {
        List<Reply> kv = new ArrayList<>(10);
        if (key != null) {
            kv.add(Reply.bulk("key"));
            kv.add(Reply.bulk(key));
        }
        if (value) {
            kv.add(Reply.bulk("value"));
            kv.add(Reply.bulk(e.value()));
        }
        kv.add(Reply.bulk("meta"));
        kv.add(Reply.bulk(e.meta()));
        kv.add(Reply.bulk("generation"));
        kv.add(Reply.integer(e.generation()));
        kv.add(Reply.bulk("expiry"));
        kv.add(Reply.integer(e.hasExpiry() ? e.expireAt() : -1));
        return Reply.map(kv);
    }
}
