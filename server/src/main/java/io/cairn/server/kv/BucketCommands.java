package io.cairn.server.kv;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.cairn.protocol.Reply;
import io.cairn.server.CommandFamily;
import io.cairn.server.Server;
import io.cairn.server.Session;
import io.cairn.server.command.Args;
import io.cairn.server.command.CommandTable;
import io.cairn.server.command.Errors;
import io.cairn.storage.Bucket;
import io.cairn.storage.BucketPolicy;

/**
 * BUCKET CREATE|USE|LIST|INFO|SET|DROP (DESIGN.md section 2): named keyspaces with KVdb's
 * default TTL and per-bucket size limits. Numbered buckets 0..15 are buckets too: they can be
 * used, listed, inspected and given a policy, but not created or dropped.
 */
public final class BucketCommands implements CommandFamily {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

    private final Server server;
    private final BucketCatalog catalog;

    public BucketCommands(Server server) {
        this.server = server;
        this.catalog = new BucketCatalog(server.keyspace(), server.databases());
    }

    /** The named buckets' ids, for FLUSHALL, which empties them too. */
    public static java.util.List<Integer> namedBucketIds(io.cairn.storage.Keyspace keyspace) {
        return BucketCatalog.namedIds(keyspace);
    }

    @Override
    public void register(CommandTable t) {
        t.bind("bucket|create", this::create);
        t.bind("bucket|use", this::use);
        t.bind("bucket|list", (s, a) -> list());
        t.bind("bucket|info", this::info);
        t.bind("bucket|set", this::set);
        t.bind("bucket|drop", this::drop);
        t.bind("bucket|help", (s, a) -> help());
    }

    private Reply create(Session s, Args a) {
        String name = a.string(2);
        if (!NAME.matcher(name).matches()) {
            throw Errors.err("invalid bucket name '" + name + "': 1 to 64 of A-Z a-z 0-9 _ . : -");
        }
        if (catalog.find(name) != null) throw Errors.err("bucket '" + name + "' already exists");
        if (name.chars().allMatch(Character::isDigit)) {
            throw Errors.err("invalid bucket name '" + name + "': numbers name the databases 0 to "
                    + (server.databases() - 1));
        }
        BucketPolicy p = new BucketPolicy(name, 0, 0, 0);
        for (int i = 3; i < a.count(); i += 2) {
            if (i + 1 >= a.count()) throw Errors.err("option '" + a.string(i) + "' needs a value");
            p = withOption(p, a, i);
        }
        catalog.create(name, p);
        return Reply.OK;
    }

    private Reply use(Session s, Args a) {
        s.select(existing(a.string(2)).id());
        return Reply.OK;
    }

    private Reply list() {
        List<Reply> names = new ArrayList<>();
        for (BucketCatalog.Info i : catalog.all()) names.add(Reply.bulk(i.name()));
        return Reply.array(names);
    }

    private Reply info(Session s, Args a) {
        BucketCatalog.Info info = existing(a.string(2));
        Bucket b = server.keyspace().bucket(info.id());
        BucketPolicy p = info.policy();
        return Reply.map(List.of(
                Reply.bulk("name"), Reply.bulk(info.name()),
                Reply.bulk("keys"), Reply.integer(b.size()),
                Reply.bulk("default-ttl"), Reply.integer(p.defaultTtlMillis() / 1000),
                Reply.bulk("max-key-bytes"), Reply.integer(p.maxKeyBytes()),
                Reply.bulk("max-value-bytes"), Reply.integer(p.maxValueBytes())));
    }

    private Reply set(Session s, Args a) {
        BucketCatalog.Info info = existing(a.string(2));
        catalog.update(info, withOption(info.policy(), a, 3));
        return Reply.OK;
    }

    private Reply drop(Session s, Args a) {
        BucketCatalog.Info info = existing(a.string(2));
        if (catalog.isNumbered(info.name())) {
            throw Errors.err("bucket '" + info.name() + "' is a numbered database and cannot be dropped; FLUSHDB empties it");
        }
        // The engine switches the bucket to nothing at once and deletes its keys on the flusher
        // in chunks, so dropping a large bucket does not hold other clients up.
        catalog.drop(info);
        for (Session other : server.clients().all()) {
            if (other.bucket().id() == info.id()) other.select(0);
        }
        if (s.bucket().id() == info.id()) s.select(0);
        return Reply.OK;
    }

    private BucketCatalog.Info existing(String name) {
        BucketCatalog.Info info = catalog.find(name);
        if (info == null) throw Errors.err("no such bucket '" + name + "'");
        return info;
    }

    /** The policy with option {@code a[i]} set to {@code a[i+1]}; 0 removes a TTL or limit. */
    private static BucketPolicy withOption(BucketPolicy p, Args a, int i) {
        if (a.is(i, "DEFAULT-TTL")) {
            long ttl = KvOptions.nonNegative(a, i + 1, "DEFAULT-TTL");
            if (ttl > Long.MAX_VALUE / 1000 / 2) throw Errors.err("DEFAULT-TTL is out of range");
            return new BucketPolicy(p.name(), ttl * 1000, p.maxKeyBytes(), p.maxValueBytes());
        }
        if (a.is(i, "MAX-KEY-BYTES")) {
            return new BucketPolicy(p.name(), p.defaultTtlMillis(), KvOptions.nonNegative(a, i + 1, "MAX-KEY-BYTES"), p.maxValueBytes());
        }
        if (a.is(i, "MAX-VALUE-BYTES")) {
            return new BucketPolicy(p.name(), p.defaultTtlMillis(), p.maxKeyBytes(), KvOptions.nonNegative(a, i + 1, "MAX-VALUE-BYTES"));
        }
        throw Errors.err("unknown bucket option '" + a.string(i) + "', expected DEFAULT-TTL, MAX-KEY-BYTES or MAX-VALUE-BYTES");
    }

    private static Reply help() {
        return Reply.array(List.of(
                Reply.simple("BUCKET <subcommand> [<arg> [value] [opt] ...]. Subcommands are:"),
                Reply.simple("CREATE <name> [DEFAULT-TTL <seconds>] [MAX-KEY-BYTES <n>] [MAX-VALUE-BYTES <n>]"),
                Reply.simple("    Create a named bucket."),
                Reply.simple("USE <name>"),
                Reply.simple("    Make <name> this connection's bucket (SELECT for named buckets)."),
                Reply.simple("LIST"),
                Reply.simple("    List every bucket, numbered ones first."),
                Reply.simple("INFO <name>"),
                Reply.simple("    Show a bucket's key count and policy."),
                Reply.simple("SET <name> DEFAULT-TTL|MAX-KEY-BYTES|MAX-VALUE-BYTES <value>"),
                Reply.simple("    Change one option; 0 removes it."),
                Reply.simple("DROP <name>"),
                Reply.simple("    Delete a named bucket and all its keys."),
                Reply.simple("HELP"),
                Reply.simple("    Print this help.")));
    }
}
