package io.cairn.server.commands;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.cairn.protocol.Reply;
import io.cairn.server.command.CommandSpec;

/**
 * COMMAND INFO and COMMAND DOCS entries as Redis 7.0 encodes them. The table keeps them as JSON
 * (dumped with sorted keys, without RESP types), so the shape is restored here: which arrays
 * are sets of simple strings, which strings are bulk, and the order Redis writes map fields in
 * (commands.c: addReplyCommandInfo, addReplyCommandKeySpecs, addReplyCommandDocs,
 * addReplyCommandArgList). Only implemented subcommands are listed.
 */
final class CommandReplies {

    private CommandReplies() {}

    private static final List<String> KEY_SPEC_ORDER = List.of("notes", "flags", "begin_search", "find_keys");
    private static final List<String> SEARCH_ORDER = List.of("type", "spec");
    private static final Map<String, List<String>> SPEC_ORDER = Map.of(
            "index", List.of("index"),
            "keyword", List.of("keyword", "startfrom"),
            "range", List.of("lastkey", "keystep", "limit"),
            "keynum", List.of("keynumidx", "firstkey", "keystep"));
    private static final List<String> DOCS_ORDER = List.of("summary", "since", "group", "complexity", "module",
            "doc_flags", "deprecated_since", "replaced_by", "history", "arguments");
    private static final List<String> ARG_ORDER = List.of("name", "type", "display_text", "key_spec_index", "token",
            "summary", "since", "deprecated_since", "flags", "value", "arguments");

    /** [name, arity, flags, first, last, step, acl categories, tips, key specs, subcommands]. */
    static Reply info(CommandSpec spec) {
        JsonNode info = spec.info();
        List<Reply> out = new ArrayList<>(10);
        out.add(Reply.bulk(spec.name()));
        out.add(Reply.integer(spec.arity()));
        out.add(simpleSet(info.get(2)));
        out.add(Reply.integer(spec.firstKey()));
        out.add(Reply.integer(spec.lastKey()));
        out.add(Reply.integer(spec.step()));
        out.add(simpleSet(info.get(6)));
        out.add(bulkSet(info.size() > 7 ? info.get(7) : null));
        List<Reply> specs = new ArrayList<>();
        if (info.size() > 8) for (JsonNode ks : info.get(8)) specs.add(keySpec(ks));
        out.add(Reply.set(specs));
        List<CommandSpec> subs = handledSubcommands(spec);
        if (subs.isEmpty()) {
            // Redis answers an empty set for a command without subcommands, an array otherwise.
            out.add(Reply.set(List.of()));
        } else {
            List<Reply> subInfos = new ArrayList<>();
            for (CommandSpec sub : subs) subInfos.add(info(sub));
            out.add(Reply.array(subInfos));
        }
        return Reply.array(out);
    }

    /** The docs map of one command, subcommands included. */
    static Reply docs(CommandSpec spec) {
        JsonNode docs = spec.docs();
        List<Reply> kv = new ArrayList<>();
        if (docs != null && docs.isObject()) {
            for (String field : orderedFields(docs, DOCS_ORDER)) {
                if (field.equals("subcommands")) continue;
                JsonNode v = docs.get(field);
                kv.add(Reply.bulk(field));
                kv.add(switch (field) {
                    case "doc_flags" -> simpleSet(v);
                    case "history" -> history(v);
                    case "arguments" -> arguments(v);
                    default -> plain(v);
                });
            }
        }
        List<CommandSpec> subs = handledSubcommands(spec);
        if (!subs.isEmpty()) {
            List<Reply> subDocs = new ArrayList<>();
            for (CommandSpec sub : subs) {
                subDocs.add(Reply.bulk(sub.name()));
                subDocs.add(docs(sub));
            }
            kv.add(Reply.bulk("subcommands"));
            kv.add(Reply.map(subDocs));
        }
        return Reply.map(kv);
    }

    static List<CommandSpec> handledSubcommands(CommandSpec spec) {
        List<CommandSpec> out = new ArrayList<>();
        for (CommandSpec sub : spec.subcommands().values()) if (sub.handler() != null) out.add(sub);
        return out;
    }

    private static Reply keySpec(JsonNode ks) {
        List<Reply> kv = new ArrayList<>();
        for (String field : orderedFields(ks, KEY_SPEC_ORDER)) {
            JsonNode v = ks.get(field);
            kv.add(Reply.bulk(field));
            kv.add(switch (field) {
                case "flags" -> simpleSet(v);
                case "begin_search", "find_keys" -> search(v);
                default -> plain(v);
            });
        }
        return Reply.map(kv);
    }

    /** {type, spec}, the spec's fields in the order Redis writes them for that type. */
    private static Reply search(JsonNode node) {
        List<Reply> kv = new ArrayList<>();
        String type = node.path("type").asText();
        for (String field : orderedFields(node, SEARCH_ORDER)) {
            JsonNode v = node.get(field);
            kv.add(Reply.bulk(field));
            if (field.equals("spec")) {
                List<Reply> spec = new ArrayList<>();
                for (String f : orderedFields(v, SPEC_ORDER.getOrDefault(type, List.of()))) {
                    spec.add(Reply.bulk(f));
                    spec.add(plain(v.get(f)));
                }
                kv.add(Reply.map(spec));
            } else {
                kv.add(plain(v));
            }
        }
        return Reply.map(kv);
    }

    private static Reply arguments(JsonNode args) {
        List<Reply> out = new ArrayList<>();
        for (JsonNode arg : args) {
            List<Reply> kv = new ArrayList<>();
            for (String field : orderedFields(arg, ARG_ORDER)) {
                JsonNode v = arg.get(field);
                kv.add(Reply.bulk(field));
                kv.add(switch (field) {
                    case "flags" -> simpleSet(v);
                    case "arguments" -> arguments(v);
                    default -> plain(v);
                });
            }
            out.add(Reply.map(kv));
        }
        return Reply.array(out);
    }

    /** A set of [version, description] pairs. */
    private static Reply history(JsonNode v) {
        List<Reply> out = new ArrayList<>();
        for (JsonNode entry : v) out.add(plain(entry));
        return Reply.set(out);
    }

    private static Reply simpleSet(JsonNode v) {
        List<Reply> out = new ArrayList<>();
        if (v != null) for (JsonNode f : v) out.add(Reply.simple(f.asText()));
        return Reply.set(out);
    }

    private static Reply bulkSet(JsonNode v) {
        List<Reply> out = new ArrayList<>();
        if (v != null) for (JsonNode f : v) out.add(Reply.bulk(f.asText()));
        return Reply.set(out);
    }

    /** Strings as bulk, numbers as integers, arrays as arrays, objects as maps in their own order. */
    private static Reply plain(JsonNode v) {
        if (v == null || v.isNull()) return Reply.NULL;
        if (v.isIntegralNumber()) return Reply.integer(v.asLong());
        if (v.isNumber()) return Reply.dbl(v.asDouble());
        if (v.isBoolean()) return Reply.integer(v.asBoolean() ? 1 : 0);
        if (v.isArray()) {
            List<Reply> out = new ArrayList<>();
            for (JsonNode e : v) out.add(plain(e));
            return Reply.array(out);
        }
        if (v.isObject()) {
            List<Reply> kv = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                kv.add(Reply.bulk(e.getKey()));
                kv.add(plain(e.getValue()));
            }
            return Reply.map(kv);
        }
        return Reply.bulk(v.asText());
    }

    /** The object's field names: first those in {@code order}, then any others in their JSON order. */
    private static List<String> orderedFields(JsonNode obj, List<String> order) {
        Set<String> out = new LinkedHashSet<>();
        for (String f : order) if (obj.has(f)) out.add(f);
        obj.fieldNames().forEachRemaining(out::add);
        return new ArrayList<>(out);
    }
}
