package io.cairn.server.kv;

import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

import io.cairn.storage.Bucket;
import io.cairn.storage.BucketPolicy;
import io.cairn.storage.Entry;
import io.cairn.storage.KeyEntry;
import io.cairn.storage.Keyspace;
import io.cairn.storage.ValueType;

/**
 * Named buckets and every bucket's policy (DESIGN.md section 2). The catalog is itself kept as
 * ordinary entries of a reserved bucket no client can select, so it reaches disk the way every
 * write does: in the commit log, inside the unit of the BUCKET command that changed it, then in
 * MapDB at the next flush. A restart, or kill -9, therefore finds exactly the buckets whose
 * command was acknowledged, with no record kind of its own, and the same holds on any engine
 * behind DESIGN.md section 9's interface.
 *
 * <p>One entry per bucket, "b:" + name, holding "id ttl-ms max-key max-value"; "next-id" holds
 * the next id for a named bucket. Numbered buckets 0..15 are implicit and only appear here
 * once given a policy. Used under the keyspace lock, like every command.
 */
final class BucketCatalog {

    /** The reserved bucket: negative, so no SELECT or BUCKET USE can reach it. */
    static final int CATALOG_ID = -1;
    static final int FIRST_NAMED_ID = 1 << 16;
    private static final byte[] NEXT_ID = "next-id".getBytes(StandardCharsets.US_ASCII);

    record Info(String name, int id, BucketPolicy policy) {}

    private final Keyspace keyspace;
    private final int databases;
    private final Bucket store;
    private final Map<String, Info> byName = new TreeMap<>();

    BucketCatalog(Keyspace keyspace, int databases) {
        this.keyspace = keyspace;
        this.databases = databases;
        this.store = keyspace.bucket(CATALOG_ID);
        load();
    }

    private void load() {
        Iterator<KeyEntry> it = store.scan(key(""), null, false);
        while (it.hasNext()) {
            KeyEntry ke = it.next();
            String k = new String(ke.key(), StandardCharsets.UTF_8);
            if (!k.startsWith("b:")) break;
            String[] f = new String(ke.entry().value(), StandardCharsets.UTF_8).split(" ");
            String name = k.substring(2);
            Info info = new Info(name, Integer.parseInt(f[0]),
                    new BucketPolicy(name, Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3])));
            byName.put(name, info);
            keyspace.setPolicy(info.id(), info.policy());
        }
    }

    /** Ids of the named buckets, read from the catalog as stored (for FLUSHALL). */
    static java.util.List<Integer> namedIds(Keyspace keyspace) {
        java.util.List<Integer> ids = new java.util.ArrayList<>();
        Iterator<KeyEntry> it = keyspace.bucket(CATALOG_ID).scan(key(""), null, false);
        while (it.hasNext()) {
            KeyEntry ke = it.next();
            if (ke.key().length < 2 || ke.key()[0] != 'b' || ke.key()[1] != ':') break;
            int id = Integer.parseInt(new String(ke.entry().value(), StandardCharsets.UTF_8).split(" ")[0]);
            if (id >= FIRST_NAMED_ID) ids.add(id);
        }
        return ids;
    }

    boolean isNumbered(String name) {
        return numbered(name) >= 0;
    }

    /** The id of numbered bucket {@code name}, or -1 when the name is not one of 0..databases-1. */
    private int numbered(String name) {
        if (name.isEmpty() || name.length() > 5 || !name.chars().allMatch(Character::isDigit)) return -1;
        if (name.length() > 1 && name.charAt(0) == '0') return -1;
        int n = Integer.parseInt(name);
        return n < databases ? n : -1;
    }

    /** The bucket named {@code name}, numbered or named, or null. */
    Info find(String name) {
        Info info = byName.get(name);
        if (info != null) return info;
        int n = numbered(name);
        return n < 0 ? null : new Info(name, n, new BucketPolicy(name, 0, 0, 0));
    }

    /** The name of bucket {@code id} (what a session in it is using). */
    String nameOf(int id) {
        if (id >= 0 && id < databases) return Integer.toString(id);
        for (Info i : byName.values()) if (i.id() == id) return i.name();
        return null;
    }

    Info create(String name, BucketPolicy policy) {
        Entry next = store.get(NEXT_ID);
        int id = next == null ? FIRST_NAMED_ID : Integer.parseInt(new String(next.value(), StandardCharsets.US_ASCII));
        store.put(NEXT_ID, ValueType.STRING, Integer.toString(id + 1).getBytes(StandardCharsets.US_ASCII), Entry.NO_EXPIRY, null);
        Info info = new Info(name, id, policy);
        save(info);
        return info;
    }

    void update(Info info, BucketPolicy policy) {
        save(new Info(info.name(), info.id(), policy));
    }

    void drop(Info info) {
        keyspace.bucket(info.id()).clear();
        store.delete(key(info.name()));
        byName.remove(info.name());
        keyspace.setPolicy(info.id(), null);
    }

    /** Every bucket: the numbered ones, then the named ones in name order. */
    Iterable<Info> all() {
        java.util.List<Info> out = new java.util.ArrayList<>();
        for (int n = 0; n < databases; n++) out.add(find(Integer.toString(n)));
        for (Info i : byName.values()) if (!isNumbered(i.name())) out.add(i);
        return out;
    }

    private void save(Info info) {
        BucketPolicy p = info.policy();
        String v = info.id() + " " + p.defaultTtlMillis() + " " + p.maxKeyBytes() + " " + p.maxValueBytes();
        store.put(key(info.name()), ValueType.STRING, v.getBytes(StandardCharsets.UTF_8), Entry.NO_EXPIRY, null);
        byName.put(info.name(), info);
        keyspace.setPolicy(info.id(), p);
    }

    private static byte[] key(String name) {
        return ("b:" + name).getBytes(StandardCharsets.UTF_8);
    }
}
