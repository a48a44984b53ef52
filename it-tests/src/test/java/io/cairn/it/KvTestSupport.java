package io.cairn.it;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.ProtocolKeyword;
import io.lettuce.core.protocol.ProtocolVersion;
import io.lettuce.core.ClientOptions;

/**
 * One real server per test class and Lettuce connections that send Cairn's own commands
 * (KV.*, BUCKET) through {@code dispatch}: replies come back as Java values (Long, String,
 * List, Map in RESP3, null), errors as RedisCommandExecutionException.
 */
abstract class KvTestSupport extends ServerPerClass {

    private final List<RedisClient> clients = new ArrayList<>();

    @Override
    void closeClients() {
        for (RedisClient c : clients) c.shutdown();
        clients.clear();
    }

    /** A new connection speaking RESP2 (maps come back as flat lists). */
    Kv kv2() {
        return connect(ProtocolVersion.RESP2);
    }

    /** A new connection speaking RESP3 (maps come back as maps). */
    Kv kv3() {
        return connect(ProtocolVersion.RESP3);
    }

    Kv connect(ProtocolVersion version) {
        RedisClient c = RedisClient.create(server.uri());
        c.setOptions(ClientOptions.builder().protocolVersion(version).build());
        clients.add(c);
        return new Kv(c.connect());
    }

    /** One connection: Lettuce's typed commands plus {@link #call} for anything. */
    static final class Kv {
        final StatefulRedisConnection<String, String> connection;
        final RedisCommands<String, String> sync;

        Kv(StatefulRedisConnection<String, String> connection) {
            this.connection = connection;
            this.sync = connection.sync();
        }

        Object call(String... args) {
            CommandArgs<String, String> ca = new CommandArgs<>(StringCodec.UTF8);
            for (int i = 1; i < args.length; i++) ca.add(args[i]);
            return sync.dispatch(keyword(args[0]), new ValueOutput(), ca);
        }

        long gen(String... args) {
            return (Long) call(args);
        }

        @SuppressWarnings("unchecked")
        List<Object> list(String... args) {
            return (List<Object>) call(args);
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> map(String... args) {
            return (Map<String, Object>) call(args);
        }

        /** KV.LIST's items as a list of keys (items of a plain listing). */
        @SuppressWarnings("unchecked")
        List<String> keys(String... listArgs) {
            List<Object> reply = list(prepend("KV.LIST", listArgs));
            return (List<String>) (List<?>) reply.get(1);
        }
    }

    static String[] prepend(String first, String... rest) {
        String[] out = new String[rest.length + 1];
        out[0] = first;
        System.arraycopy(rest, 0, out, 1, rest.length);
        return out;
    }

    static ProtocolKeyword keyword(String name) {
        byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
        return new ProtocolKeyword() {
            @Override
            public byte[] getBytes() {
                return bytes;
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }
}
