package io.cairn.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.lettuce.core.KillArgs;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.protocol.ProtocolVersion;

/** PING ECHO QUIT RESET HELLO SELECT CLIENT, as Redis 7 answers them. */
class ConnectionCommandsTest {

    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** The exact RESP3 reply of HELLO for a client with the given id. */
    static String hello3Map(long id) {
        return "%7\r\n$6\r\nserver\r\n$5\r\nredis\r\n$7\r\nversion\r\n$6\r\n7.0.15\r\n$5\r\nproto\r\n:3\r\n"
                + "$2\r\nid\r\n:" + id + "\r\n$4\r\nmode\r\n$10\r\nstandalone\r\n$4\r\nrole\r\n$6\r\nmaster\r\n"
                + "$7\r\nmodules\r\n*0\r\n";
    }

    static long clientId(RawClient c) {
        String r = c.call("CLIENT", "ID");
        return Long.parseLong(r.substring(1, r.length() - 2));
    }

    /** The text of a CLIENT INFO/LIST reply, whichever protocol carried it. */
    static String text(String reply) {
        int body = reply.indexOf("\r\n") + 2;
        String s = reply.substring(body, reply.length() - 2);
        return reply.startsWith("=") ? s.substring(4) : s;
    }

    // ---- PING, ECHO ----

    @Test
    void pingWithoutArgumentAnswersPongInBothProtocols() {
        try (RawClient c = server.raw()) {
            assertEquals("+PONG\r\n", c.call("PING"));
            c.call("HELLO", "3");
            assertEquals("+PONG\r\n", c.call("PING"));
        }
    }

    @Test
    void pingWithArgumentAnswersItAsBulkString() {
        try (RawClient c = server.raw()) {
            assertEquals("$5\r\nhello\r\n", c.call("PING", "hello"));
        }
    }

    @Test
    void pingWithTwoArgumentsIsAnArityError() {
        try (RawClient c = server.raw()) {
            assertEquals("-ERR wrong number of arguments for 'ping' command\r\n", c.call("PING", "a", "b"));
        }
    }

    @Test
    void echoAnswersItsArgumentBinarySafe() {
        try (RawClient c = server.raw()) {
            assertEquals("$4\r\na\r\nb\r\n", c.call("ECHO", "a\r\nb"));
            assertEquals("$0\r\n\r\n", c.call("ECHO", ""));
        }
    }

    @Test
    void echoWithoutArgumentIsAnArityError() {
        try (RawClient c = server.raw()) {
            assertEquals("-ERR wrong number of arguments for 'echo' command\r\n", c.call("ECHO"));
            assertEquals("-ERR wrong number of arguments for 'echo' command\r\n", c.call("ECHO", "a", "b"));
        }
    }

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    void lettuceSyncPingEchoAndSelect(ProtocolVersion version) {
        try (StatefulRedisConnection<String, String> conn = server.connect(version)) {
            RedisCommands<String, String> r = conn.sync();
            assertEquals("PONG", r.ping());
            assertEquals("hi there", r.echo("hi there"));
            assertEquals("OK", r.select(5));
            assertTrue(r.clientInfo().contains(" db=5 "));
        }
    }

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    void lettuceAsyncPingEchoAndClientName(ProtocolVersion version) throws Exception {
        try (StatefulRedisConnection<String, String> conn = server.connect(version)) {
            RedisAsyncCommands<String, String> r = conn.async();
            assertEquals("PONG", r.ping().get(5, TimeUnit.SECONDS));
            assertEquals("x", r.echo("x").get(5, TimeUnit.SECONDS));
            assertNull(r.clientGetname().get(5, TimeUnit.SECONDS));
            assertEquals("OK", r.clientSetname("async-client").get(5, TimeUnit.SECONDS));
            assertEquals("async-client", r.clientGetname().get(5, TimeUnit.SECONDS));
        }
    }

    // ---- QUIT ----

    @Test
    void quitRepliesOkThenCloses() {
        try (RawClient c = server.raw()) {
            assertEquals("+OK\r\n", c.call("QUIT"));
            assertTrue(c.isClosedByServer());
        }
    }

    @Test
    void quitIgnoresCommandsPipelinedAfterIt() {
        try (RawClient c = server.raw()) {
            c.sendRaw("*1\r\n$4\r\nQUIT\r\n*1\r\n$4\r\nPING\r\n");
            assertEquals("+OK\r\n", c.readReply());
            assertTrue(c.isClosedByServer());
        }
    }

    // ---- HELLO ----

    @Test
    void hello3RepliesWithTheExactServerMap() {
        try (RawClient c = server.raw()) {
            long id = clientId(c);
            assertEquals(hello3Map(id), c.call("HELLO", "3"));
        }
    }

    @Test
    void helloWithoutVersionAnswersInTheCurrentProtocolAsFlatArrayInResp2() {
        try (RawClient c = server.raw()) {
            long id = clientId(c);
            assertEquals("*14\r\n$6\r\nserver\r\n$5\r\nredis\r\n$7\r\nversion\r\n$6\r\n7.0.15\r\n$5\r\nproto\r\n:2\r\n"
                    + "$2\r\nid\r\n:" + id + "\r\n$4\r\nmode\r\n$10\r\nstandalone\r\n$4\r\nrole\r\n$6\r\nmaster\r\n"
                    + "$7\r\nmodules\r\n*0\r\n", c.call("HELLO"));
        }
    }

    @Test
    void hello3SwitchesNullRepliesToResp3AndHello2SwitchesBack() {
        try (RawClient c = server.raw()) {
            assertEquals("$-1\r\n", c.call("CLIENT", "GETNAME"));
            c.call("HELLO", "3");
            assertEquals("_\r\n", c.call("CLIENT", "GETNAME"));
            assertTrue(c.call("HELLO", "2").startsWith("*14\r\n"));
            assertEquals("$-1\r\n", c.call("CLIENT", "GETNAME"));
        }
    }

    @Test
    void helloWithUnsupportedVersionIsNoprotoAndKeepsTheProtocol() {
        try (RawClient c = server.raw()) {
            assertEquals("-NOPROTO unsupported protocol version\r\n", c.call("HELLO", "4"));
            assertEquals("-NOPROTO unsupported protocol version\r\n", c.call("HELLO", "1"));
            assertEquals("-NOPROTO unsupported protocol version\r\n", c.call("HELLO", "0"));
            assertEquals("$-1\r\n", c.call("CLIENT", "GETNAME"));
        }
    }

    @Test
    void helloWithNonIntegerVersionIsAnError() {
        try (RawClient c = server.raw()) {
            assertEquals("-ERR Protocol version is not an integer or out of range\r\n", c.call("HELLO", "three"));
            assertEquals("-ERR Protocol version is not an integer or out of range\r\n", c.call("HELLO", "3.0"));
        }
    }

    @Test
    void helloWithUnknownOrIncompleteOptionNamesIt() {
        try (RawClient c = server.raw()) {
            assertEquals("-ERR Syntax error in HELLO option 'FOO'\r\n", c.call("HELLO", "3", "FOO"));
            assertEquals("-ERR Syntax error in HELLO option 'AUTH'\r\n", c.call("HELLO", "3", "AUTH", "default"));
            assertEquals("-ERR Syntax error in HELLO option 'SETNAME'\r\n", c.call("HELLO", "3", "SETNAME"));
            assertEquals("-ERR Syntax error in HELLO option 'b'\r\n", c.call("HELLO", "3", "SETNAME", "a", "b"));
            assertEquals("$-1\r\n", c.call("CLIENT", "GETNAME"));
        }
    }

    @Test
    void helloSetnameNamesTheConnection() {
        try (RawClient c = server.raw()) {
            c.call("HELLO", "2", "SETNAME", "worker-1");
            assertEquals("$8\r\nworker-1\r\n", c.call("CLIENT", "GETNAME"));
        }
    }

    @Test
    void helloSetnameWithSpaceFailsAndLeavesTheProtocol() {
        try (RawClient c = server.raw()) {
            assertEquals("-ERR Client names cannot contain spaces, newlines or special characters.\r\n",
                    c.call("HELLO", "3", "SETNAME", "a b"));
            assertEquals("$-1\r\n", c.call("CLIENT", "GETNAME"));
        }
    }

    // ---- SELECT ----

    @Test
    void selectOutsideTheDatabasesIsOutOfRange() {
        try (RawClient c = server.raw()) {
            assertEquals("-ERR DB index is out of range\r\n", c.call("SELECT", "16"));
            assertEquals("-ERR DB index is out of range\r\n", c.call("SELECT", "-1"));
            assertTrue(text(c.call("CLIENT", "INFO")).contains(" db=0 "));
        }
    }

    @Test
    void selectOfANonIntegerIsAnError() {
        try (RawClient c = server.raw()) {
            assertEquals("-ERR value is not an integer or out of range\r\n", c.call("SELECT", "x"));
            assertEquals("-ERR value is not an integer or out of range\r\n", c.call("SELECT", "01"));
        }
    }

    @Test
    void selectBeyondA32BitIntegerIsOutOfRangeOfInt() {
        try (RawClient c = server.raw()) {
            assertEquals("-ERR value is out of range, value must between -2147483648 and 2147483647\r\n",
                    c.call("SELECT", "99999999999"));
        }
    }

    @Test
    void selectChangesTheDatabaseShownByClientInfo() {
        try (RawClient c = server.raw()) {
            assertEquals("+OK\r\n", c.call("SELECT", "15"));
            assertTrue(text(c.call("CLIENT", "INFO")).contains(" db=15 "));
        }
    }

    // ---- CLIENT ID, GETNAME, SETNAME ----

    @Test
    void clientIdIsTheIdHelloReports() {
        try (RawClient c = server.raw()) {
            long id = clientId(c);
            assertTrue(c.call("HELLO", "3").contains("$2\r\nid\r\n:" + id + "\r\n"));
        }
    }

    @Test
    void clientIdsAreUniqueAndIncreasing() {
        try (RawClient a = server.raw(); RawClient b = server.raw()) {
            assertTrue(clientId(b) > clientId(a));
        }
    }

    @Test
    void clientGetnameIsNullUntilSetname() {
        try (RawClient c = server.raw()) {
            assertEquals("$-1\r\n", c.call("CLIENT", "GETNAME"));
            assertEquals("+OK\r\n", c.call("CLIENT", "SETNAME", "svc~1"));
            assertEquals("$5\r\nsvc~1\r\n", c.call("CLIENT", "GETNAME"));
        }
    }

    @Test
    void clientSetnameEmptyClearsTheName() {
        try (RawClient c = server.raw()) {
            c.call("CLIENT", "SETNAME", "x");
            assertEquals("+OK\r\n", c.call("CLIENT", "SETNAME", ""));
            assertEquals("$-1\r\n", c.call("CLIENT", "GETNAME"));
        }
    }

    @Test
    void clientSetnameRefusesSpacesNewlinesAndNonAscii() {
        String error = "-ERR Client names cannot contain spaces, newlines or special characters.\r\n";
        try (RawClient c = server.raw()) {
            c.call("CLIENT", "SETNAME", "kept");
            assertEquals(error, c.call("CLIENT", "SETNAME", "a b"));
            assertEquals(error, c.call("CLIENT", "SETNAME", "a\nb"));
            assertEquals(error, c.call("CLIENT", "SETNAME", "caf\u00e9"));
            assertEquals("$4\r\nkept\r\n", c.call("CLIENT", "GETNAME"));
        }
    }

    @Test
    void clientSetnameArityErrorNamesTheSubcommand() {
        try (RawClient c = server.raw()) {
            assertEquals("-ERR wrong number of arguments for 'client|setname' command\r\n", c.call("CLIENT", "SETNAME"));
            assertEquals("-ERR wrong number of arguments for 'client|setname' command\r\n",
                    c.call("CLIENT", "SETNAME", "a", "b"));
        }
    }

    @Test
    void clientUnknownSubcommandIsAnError() {
        try (RawClient c = server.raw()) {
            assertEquals("-ERR unknown subcommand 'FOO'. Try CLIENT HELP.\r\n", c.call("CLIENT", "FOO"));
        }
    }

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    void lettuceClientNameAndId(ProtocolVersion version) {
        try (StatefulRedisConnection<String, String> conn = server.connect(version)) {
            RedisCommands<String, String> r = conn.sync();
            assertEquals("OK", r.clientSetname("lettuce-" + version));
            assertEquals("lettuce-" + version, r.clientGetname());
            long id = r.clientId();
            assertTrue(r.clientList().contains("id=" + id + " "));
            RedisCommandExecutionException e = assertThrows(RedisCommandExecutionException.class,
                    () -> r.clientSetname("has space"));
            assertEquals("ERR Client names cannot contain spaces, newlines or special characters.", e.getMessage());
        }
    }

    // ---- CLIENT INFO, LIST ----

    static final Pattern LINE = Pattern.compile("id=(\\d+) addr=127\\.0\\.0\\.1:(\\d+) laddr=127\\.0\\.0\\.1:(\\d+) "
            + "fd=-?\\d+ name=(\\S*) age=\\d+ idle=\\d+ flags=(\\S+) db=(\\d+) sub=0 psub=0 ssub=0 multi=(-?\\d+) "
            + "qbuf=\\d+ qbuf-free=\\d+ argv-mem=\\d+ multi-mem=\\d+ rbs=\\d+ rbp=\\d+ obl=\\d+ oll=\\d+ omem=\\d+ "
            + "tot-mem=\\d+ events=r cmd=(\\S+) user=(\\S+) redir=-1 resp=([23]) lib-name=(\\S*) lib-ver=(\\S*)");

    @Test
    void clientInfoIsOneLineInRedisFieldOrder() {
        try (RawClient c = server.raw()) {
            long id = clientId(c);
            c.call("CLIENT", "SETNAME", "me");
            String info = text(c.call("CLIENT", "INFO"));
            assertTrue(info.endsWith("\n"));
            Matcher m = LINE.matcher(info.substring(0, info.length() - 1));
            assertTrue(m.matches(), info);
            assertEquals(String.valueOf(id), m.group(1));
            assertEquals(String.valueOf(server.port()), m.group(3));
            assertEquals("me", m.group(4));
            assertEquals("N", m.group(5));
            assertEquals("0", m.group(6));
            assertEquals("-1", m.group(7));
            assertEquals("client|info", m.group(8));
            assertEquals("default", m.group(9));
            assertEquals("2", m.group(10));
        }
    }

    @Test
    void clientInfoIsAVerbatimStringInResp3() {
        try (RawClient c = server.raw()) {
            c.call("HELLO", "3");
            String reply = c.call("CLIENT", "INFO");
            assertTrue(reply.startsWith("="), reply);
            assertTrue(reply.substring(reply.indexOf("\r\n") + 2).startsWith("txt:id="), reply);
            assertTrue(text(reply).contains(" resp=3 "));
        }
    }

    @Test
    void clientListShowsEveryConnectionOnePerLine() {
        try (RawClient a = server.raw(); RawClient b = server.raw()) {
            long idA = clientId(a);
            long idB = clientId(b);
            String list = text(a.call("CLIENT", "LIST"));
            assertTrue(list.endsWith("\n"));
            boolean sawA = false, sawB = false;
            for (String line : list.split("\n")) {
                Matcher m = LINE.matcher(line);
                assertTrue(m.matches(), line);
                if (m.group(1).equals(String.valueOf(idA))) {
                    sawA = true;
                    assertEquals("client|list", m.group(8));
                }
                if (m.group(1).equals(String.valueOf(idB))) {
                    sawB = true;
                    assertEquals("client|id", m.group(8));
                }
            }
            assertTrue(sawA && sawB, list);
        }
    }

    @Test
    void clientListShowsAnotherClientsOpenTransaction() {
        try (RawClient a = server.raw(); RawClient b = server.raw()) {
            long idB = clientId(b);
            b.call("MULTI");
            b.call("PING");
            b.call("PING");
            String line = text(a.call("CLIENT", "LIST", "ID", String.valueOf(idB)));
            assertTrue(line.contains(" flags=x "), line);
            assertTrue(line.contains(" multi=2 "), line);
        }
    }

    @Test
    void clientListByIdListsOnlyThoseIdsThatExist() {
        try (RawClient a = server.raw(); RawClient b = server.raw()) {
            long idB = clientId(b);
            String list = text(a.call("CLIENT", "LIST", "ID", String.valueOf(idB), "999999"));
            assertEquals(1, list.split("\n").length);
            assertTrue(list.startsWith("id=" + idB + " "));
            assertEquals("$0\r\n\r\n", a.call("CLIENT", "LIST", "ID", "999999"));
        }
    }

    @Test
    void clientListByIdRefusesANonIntegerId() {
        try (RawClient c = server.raw()) {
            assertEquals("-ERR Invalid client ID\r\n", c.call("CLIENT", "LIST", "ID", "1", "x"));
        }
    }

    @Test
    void clientListTypeNormalListsEveryoneAndOtherTypesNoOne() {
        try (RawClient c = server.raw()) {
            long id = clientId(c);
            assertTrue(text(c.call("CLIENT", "LIST", "TYPE", "normal")).contains("id=" + id + " "));
            assertEquals("$0\r\n\r\n", c.call("CLIENT", "LIST", "TYPE", "pubsub"));
            assertEquals("$0\r\n\r\n", c.call("CLIENT", "LIST", "TYPE", "replica"));
            assertEquals("$0\r\n\r\n", c.call("CLIENT", "LIST", "TYPE", "master"));
        }
    }

    @Test
    void clientListUnknownTypeOrOptionIsAnError() {
        try (RawClient c = server.raw()) {
            assertEquals("-ERR Unknown client type 'foo'\r\n", c.call("CLIENT", "LIST", "TYPE", "foo"));
            assertEquals("-ERR syntax error\r\n", c.call("CLIENT", "LIST", "FOO"));
            assertEquals("-ERR syntax error\r\n", c.call("CLIENT", "LIST", "TYPE"));
        }
    }

    // ---- CLIENT KILL ----

    @Test
    void clientKillByAddressOldFormClosesThatClientAndRepliesOk() {
        try (RawClient killer = server.raw(); RawClient victim = server.raw()) {
            String addr = field(text(victim.call("CLIENT", "INFO")), "addr");
            assertEquals("+OK\r\n", killer.call("CLIENT", "KILL", addr));
            assertTrue(victim.isClosedByServer());
            assertFalse(text(killer.call("CLIENT", "LIST")).contains("addr=" + addr + " "));
        }
    }

    @Test
    void clientKillOldFormOfAnUnknownAddressIsNoSuchClient() {
        try (RawClient c = server.raw()) {
            assertEquals("-ERR No such client\r\n", c.call("CLIENT", "KILL", "1.2.3.4:5"));
        }
    }

    @Test
    void clientKillOldFormMayKillTheCallerItself() {
        try (RawClient c = server.raw()) {
            String addr = field(text(c.call("CLIENT", "INFO")), "addr");
            assertEquals("+OK\r\n", c.call("CLIENT", "KILL", addr));
            assertTrue(c.isClosedByServer());
        }
    }

    @Test
    void clientKillByIdCountsKilledClients() {
        try (RawClient killer = server.raw(); RawClient victim = server.raw()) {
            long id = clientId(victim);
            assertEquals(":1\r\n", killer.call("CLIENT", "KILL", "ID", String.valueOf(id)));
            assertTrue(victim.isClosedByServer());
            assertEquals(":0\r\n", killer.call("CLIENT", "KILL", "ID", String.valueOf(id)));
            assertEquals("+PONG\r\n", killer.call("PING"));
        }
    }

    @Test
    void clientKillNewFormSkipsTheCallerUnlessSkipmeNo() {
        try (RawClient c = server.raw()) {
            long id = clientId(c);
            assertEquals(":0\r\n", c.call("CLIENT", "KILL", "ID", String.valueOf(id)));
            assertEquals(":1\r\n", c.call("CLIENT", "KILL", "ID", String.valueOf(id), "SKIPME", "no"));
            assertTrue(c.isClosedByServer());
        }
    }

    @Test
    void clientKillCombinesFiltersOnAddrAndLaddr() {
        try (RawClient killer = server.raw(); RawClient victim = server.raw()) {
            String info = text(victim.call("CLIENT", "INFO"));
            assertEquals(":0\r\n", killer.call("CLIENT", "KILL", "ADDR", field(info, "addr"), "LADDR", "1.2.3.4:5"));
            assertEquals(":1\r\n", killer.call("CLIENT", "KILL", "ADDR", field(info, "addr"),
                    "LADDR", field(info, "laddr"), "USER", "default", "TYPE", "normal"));
            assertTrue(victim.isClosedByServer());
        }
    }

    @Test
    void clientKillWithBadFiltersIsAnErrorAndKillsNoOne() {
        try (RawClient c = server.raw(); RawClient other = server.raw()) {
            long id = clientId(other);
            assertEquals("-ERR client-id should be greater than 0\r\n", c.call("CLIENT", "KILL", "ID", "x"));
            assertEquals("-ERR client-id should be greater than 0\r\n", c.call("CLIENT", "KILL", "ID", "0"));
            assertEquals("-ERR syntax error\r\n", c.call("CLIENT", "KILL", "FOO", "bar"));
            assertEquals("-ERR syntax error\r\n", c.call("CLIENT", "KILL", "ID", String.valueOf(id), "SKIPME"));
            assertEquals("-ERR syntax error\r\n", c.call("CLIENT", "KILL", "ID", String.valueOf(id), "SKIPME", "maybe"));
            assertEquals("-ERR Unknown client type 'foo'\r\n", c.call("CLIENT", "KILL", "TYPE", "foo"));
            assertEquals("-ERR No such user 'nobody'\r\n", c.call("CLIENT", "KILL", "USER", "nobody"));
            assertEquals("+PONG\r\n", other.call("PING"));
        }
    }

    @Test
    void clientKillClosesAClientServedByAnotherIoThread() {
        try (TestServer threaded = TestServer.start("--io-threads", "4");
             RawClient killer = threaded.raw(); RawClient victim = threaded.raw()) {
            long id = clientId(victim);
            assertEquals(":1\r\n", killer.call("CLIENT", "KILL", "ID", String.valueOf(id)));
            assertTrue(victim.isClosedByServer());
        }
    }

    @Test
    void lettuceClientKillById() {
        try (StatefulRedisConnection<String, String> a = server.connect(ProtocolVersion.RESP3);
             RawClient victim = server.raw()) {
            long id = clientId(victim);
            assertEquals(1L, a.sync().clientKill(KillArgs.Builder.id(id)));
            assertTrue(victim.isClosedByServer());
        }
    }

    static String field(String line, String name) {
        Matcher m = Pattern.compile("(?:^| )" + Pattern.quote(name) + "=(\\S*)").matcher(line);
        assertTrue(m.find(), line);
        return m.group(1);
    }

    // ---- CLIENT SETINFO ----

    @Test
    void clientSetinfoShowsLibraryNameAndVersionInClientInfo() {
        try (RawClient c = server.raw()) {
            assertEquals("+OK\r\n", c.call("CLIENT", "SETINFO", "LIB-NAME", "mylib"));
            assertEquals("+OK\r\n", c.call("CLIENT", "SETINFO", "lib-ver", "1.2.3"));
            String info = text(c.call("CLIENT", "INFO"));
            assertEquals("mylib", field(info, "lib-name"));
            assertEquals("1.2.3", field(info, "lib-ver"));
        }
    }

    @Test
    void clientSetinfoRefusesUnknownAttributesAndSpaces() {
        try (RawClient c = server.raw()) {
            assertEquals("-ERR Unrecognized option 'foo'\r\n", c.call("CLIENT", "SETINFO", "foo", "x"));
            assertEquals("-ERR LIB-NAME cannot contain spaces, newlines or special characters.\r\n",
                    c.call("CLIENT", "SETINFO", "LIB-NAME", "my lib"));
            assertEquals("-ERR wrong number of arguments for 'client|setinfo' command\r\n",
                    c.call("CLIENT", "SETINFO", "LIB-NAME"));
            assertEquals("", field(text(c.call("CLIENT", "INFO")), "lib-name"));
        }
    }

    @Test
    void lettuceAnnouncesItselfWithClientSetinfo() {
        try (StatefulRedisConnection<String, String> conn = server.connect(ProtocolVersion.RESP3)) {
            String info = conn.sync().clientInfo();
            assertEquals("Lettuce", field(info, "lib-name"), info);
            assertFalse(field(info, "lib-ver").isEmpty(), info);
        }
    }

    // ---- CLIENT REPLY, NO-EVICT, NO-TOUCH ----

    @Test
    void clientReplyOffSilencesEveryReplyUntilOn() {
        try (RawClient c = server.raw()) {
            c.send("CLIENT", "REPLY", "OFF");
            c.send("PING");
            c.send("ECHO", "lost");
            assertEquals("+OK\r\n", c.call("CLIENT", "REPLY", "ON"));
            assertEquals("+PONG\r\n", c.call("PING"));
        }
    }

    @Test
    void clientReplySkipSilencesOnlyTheNextCommand() {
        try (RawClient c = server.raw()) {
            c.send("CLIENT", "REPLY", "SKIP");
            c.send("ECHO", "skipped");
            assertEquals("$4\r\nseen\r\n", c.call("ECHO", "seen"));
        }
    }

    @Test
    void clientReplyWithUnknownModeIsASyntaxError() {
        try (RawClient c = server.raw()) {
            assertEquals("-ERR syntax error\r\n", c.call("CLIENT", "REPLY", "maybe"));
        }
    }

    @Test
    void clientNoEvictAndNoTouchShowAsFlags() {
        try (RawClient c = server.raw()) {
            assertEquals("+OK\r\n", c.call("CLIENT", "NO-EVICT", "on"));
            assertEquals("e", field(text(c.call("CLIENT", "INFO")), "flags"));
            assertEquals("+OK\r\n", c.call("CLIENT", "NO-TOUCH", "ON"));
            assertEquals("eT", field(text(c.call("CLIENT", "INFO")), "flags"));
            c.call("CLIENT", "NO-EVICT", "off");
            c.call("CLIENT", "NO-TOUCH", "off");
            assertEquals("N", field(text(c.call("CLIENT", "INFO")), "flags"));
        }
    }

    @Test
    void clientNoEvictAndNoTouchRefuseOtherValues() {
        try (RawClient c = server.raw()) {
            assertEquals("-ERR syntax error\r\n", c.call("CLIENT", "NO-EVICT", "yes"));
            assertEquals("-ERR syntax error\r\n", c.call("CLIENT", "NO-TOUCH", "1"));
            assertEquals("N", field(text(c.call("CLIENT", "INFO")), "flags"));
        }
    }

    // ---- RESET ----

    @Test
    void resetReturnsTheConnectionToItsFreshState() {
        try (RawClient c = server.raw()) {
            c.call("SELECT", "3");
            c.call("CLIENT", "SETNAME", "old");
            c.call("CLIENT", "NO-EVICT", "on");
            c.call("HELLO", "3");
            c.call("MULTI");
            assertEquals("+RESET\r\n", c.call("RESET"));
            String info = text(c.call("CLIENT", "INFO"));
            assertEquals("0", field(info, "db"));
            assertEquals("", field(info, "name"));
            assertEquals("N", field(info, "flags"));
            assertEquals("2", field(info, "resp"));
            assertEquals("-ERR EXEC without MULTI\r\n", c.call("EXEC"));
        }
    }

    @Test
    void resetKeepsTheLibraryInfo() {
        try (RawClient c = server.raw()) {
            c.call("CLIENT", "SETINFO", "LIB-NAME", "mylib");
            c.call("RESET");
            assertEquals("mylib", field(text(c.call("CLIENT", "INFO")), "lib-name"));
        }
    }

    @Test
    void resetTurnsRepliesBackOn() {
        try (RawClient c = server.raw()) {
            c.send("CLIENT", "REPLY", "OFF");
            assertEquals("+RESET\r\n", c.call("RESET"));
            assertEquals("+PONG\r\n", c.call("PING"));
        }
    }
}
