package io.cairn.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.models.command.CommandDetail;
import io.lettuce.core.models.command.CommandDetailParser;

/**
 * COMMAND and its subcommands. Expected bytes marked "from Redis 7.0.15" were captured from a
 * real redis-server over a raw socket.
 */
class IntrospectionTest {

    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    // From Redis 7.0.15: COMMAND INFO get, RESP2.
    static final String INFO_GET_RESP2 = "*1\r\n*10\r\n$3\r\nget\r\n:2\r\n*2\r\n+readonly\r\n+fast\r\n:1\r\n:1\r\n:1\r\n"
            + "*3\r\n+@read\r\n+@string\r\n+@fast\r\n*0\r\n*1\r\n*6\r\n$5\r\nflags\r\n*2\r\n+RO\r\n+access\r\n"
            + "$12\r\nbegin_search\r\n*4\r\n$4\r\ntype\r\n$5\r\nindex\r\n$4\r\nspec\r\n*2\r\n$5\r\nindex\r\n:1\r\n"
            + "$9\r\nfind_keys\r\n*4\r\n$4\r\ntype\r\n$5\r\nrange\r\n$4\r\nspec\r\n*6\r\n$7\r\nlastkey\r\n:0\r\n"
            + "$7\r\nkeystep\r\n:1\r\n$5\r\nlimit\r\n:0\r\n*0\r\n";

    // From Redis 7.0.15: COMMAND INFO get, RESP3 (flags, categories, key specs are sets).
    static final String INFO_GET_RESP3 = "*1\r\n*10\r\n$3\r\nget\r\n:2\r\n~2\r\n+readonly\r\n+fast\r\n:1\r\n:1\r\n:1\r\n"
            + "~3\r\n+@read\r\n+@string\r\n+@fast\r\n~0\r\n~1\r\n%3\r\n$5\r\nflags\r\n~2\r\n+RO\r\n+access\r\n"
            + "$12\r\nbegin_search\r\n%2\r\n$4\r\ntype\r\n$5\r\nindex\r\n$4\r\nspec\r\n%1\r\n$5\r\nindex\r\n:1\r\n"
            + "$9\r\nfind_keys\r\n%2\r\n$4\r\ntype\r\n$5\r\nrange\r\n$4\r\nspec\r\n%3\r\n$7\r\nlastkey\r\n:0\r\n"
            + "$7\r\nkeystep\r\n:1\r\n$5\r\nlimit\r\n:0\r\n~0\r\n";

    // From Redis 7.0.15: COMMAND INFO config|get, RESP3.
    static final String INFO_CONFIG_GET_RESP3 = "*1\r\n*10\r\n$10\r\nconfig|get\r\n:-3\r\n~4\r\n+admin\r\n+noscript\r\n"
            + "+loading\r\n+stale\r\n:0\r\n:0\r\n:0\r\n~3\r\n+@admin\r\n+@slow\r\n+@dangerous\r\n~0\r\n~0\r\n~0\r\n";

    // From Redis 7.0.15: COMMAND DOCS get, RESP2 and RESP3.
    static final String DOCS_GET_RESP2 = "*2\r\n$3\r\nget\r\n*10\r\n$7\r\nsummary\r\n$22\r\nGet the value of a key\r\n"
            + "$5\r\nsince\r\n$5\r\n1.0.0\r\n$5\r\ngroup\r\n$6\r\nstring\r\n$10\r\ncomplexity\r\n$4\r\nO(1)\r\n"
            + "$9\r\narguments\r\n*1\r\n*6\r\n$4\r\nname\r\n$3\r\nkey\r\n$4\r\ntype\r\n$3\r\nkey\r\n"
            + "$14\r\nkey_spec_index\r\n:0\r\n";
    static final String DOCS_GET_RESP3 = "%1\r\n$3\r\nget\r\n%5\r\n$7\r\nsummary\r\n$22\r\nGet the value of a key\r\n"
            + "$5\r\nsince\r\n$5\r\n1.0.0\r\n$5\r\ngroup\r\n$6\r\nstring\r\n$10\r\ncomplexity\r\n$4\r\nO(1)\r\n"
            + "$9\r\narguments\r\n*1\r\n%3\r\n$4\r\nname\r\n$3\r\nkey\r\n$4\r\ntype\r\n$3\r\nkey\r\n"
            + "$14\r\nkey_spec_index\r\n:0\r\n";

    // From Redis 7.0.15: COMMAND DOCS set, RESP3 (history is a set, argument flags are simple strings).
    static final String DOCS_SET_RESP3 =
            "%1\r\n$3\r\nset\r\n%6\r\n$7\r\nsummary\r\n$29\r\nSet the string value of a key\r\n$5\r\nsince\r\n" +
            "$5\r\n1.0.0\r\n$5\r\ngroup\r\n$6\r\nstring\r\n$10\r\ncomplexity\r\n$4\r\nO(1)\r\n$7\r\nhistory\r\n" +
            "~4\r\n*2\r\n$6\r\n2.6.12\r\n$44\r\nAdded the `EX`, `PX`, `NX` and `XX` options.\r\n*2\r\n$5\r\n" +
            "6.0.0\r\n$27\r\nAdded the `KEEPTTL` option.\r\n*2\r\n$5\r\n6.2.0\r\n$42\r\n" +
            "Added the `GET`, `EXAT` and `PXAT` option.\r\n*2\r\n$5\r\n7.0.0\r\n$55\r\n" +
            "Allowed the `NX` and `GET` options to be used together.\r\n$9\r\narguments\r\n*5\r\n%3\r\n$4\r\n" +
            "name\r\n$3\r\nkey\r\n$4\r\ntype\r\n$3\r\nkey\r\n$14\r\nkey_spec_index\r\n:0\r\n%2\r\n$4\r\nname\r\n" +
            "$5\r\nvalue\r\n$4\r\ntype\r\n$6\r\nstring\r\n%5\r\n$4\r\nname\r\n$9\r\ncondition\r\n$4\r\ntype\r\n" +
            "$5\r\noneof\r\n$5\r\nsince\r\n$6\r\n2.6.12\r\n$5\r\nflags\r\n~1\r\n+optional\r\n$9\r\narguments\r\n" +
            "*2\r\n%3\r\n$4\r\nname\r\n$2\r\nnx\r\n$4\r\ntype\r\n$10\r\npure-token\r\n$5\r\ntoken\r\n$2\r\nNX\r\n" +
            "%3\r\n$4\r\nname\r\n$2\r\nxx\r\n$4\r\ntype\r\n$10\r\npure-token\r\n$5\r\ntoken\r\n$2\r\nXX\r\n%5\r\n" +
            "$4\r\nname\r\n$3\r\nget\r\n$4\r\ntype\r\n$10\r\npure-token\r\n$5\r\ntoken\r\n$3\r\nGET\r\n$5\r\n" +
            "since\r\n$5\r\n6.2.0\r\n$5\r\nflags\r\n~1\r\n+optional\r\n%4\r\n$4\r\nname\r\n$10\r\nexpiration\r\n" +
            "$4\r\ntype\r\n$5\r\noneof\r\n$5\r\nflags\r\n~1\r\n+optional\r\n$9\r\narguments\r\n*5\r\n%4\r\n$4\r\n" +
            "name\r\n$7\r\nseconds\r\n$4\r\ntype\r\n$7\r\ninteger\r\n$5\r\ntoken\r\n$2\r\nEX\r\n$5\r\nsince\r\n" +
            "$6\r\n2.6.12\r\n%4\r\n$4\r\nname\r\n$12\r\nmilliseconds\r\n$4\r\ntype\r\n$7\r\ninteger\r\n$5\r\n" +
            "token\r\n$2\r\nPX\r\n$5\r\nsince\r\n$6\r\n2.6.12\r\n%4\r\n$4\r\nname\r\n$17\r\nunix-time-seconds\r\n" +
            "$4\r\ntype\r\n$9\r\nunix-time\r\n$5\r\ntoken\r\n$4\r\nEXAT\r\n$5\r\nsince\r\n$5\r\n6.2.0\r\n%4\r\n" +
            "$4\r\nname\r\n$22\r\nunix-time-milliseconds\r\n$4\r\ntype\r\n$9\r\nunix-time\r\n$5\r\ntoken\r\n" +
            "$4\r\nPXAT\r\n$5\r\nsince\r\n$5\r\n6.2.0\r\n%4\r\n$4\r\nname\r\n$7\r\nkeepttl\r\n$4\r\ntype\r\n" +
            "$10\r\npure-token\r\n$5\r\ntoken\r\n$7\r\nKEEPTTL\r\n$5\r\nsince\r\n$5\r\n6.0.0\r\n";

    static RawClient resp3() {
        RawClient c = server.raw();
        c.call("HELLO", "3");
        return c;
    }

    /** The bulk strings of a flat array reply, in order. */
    static List<String> bulks(String reply) {
        List<String> out = new ArrayList<>();
        String[] lines = reply.split("\r\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith("$") && !lines[i].equals("$-1")) out.add(lines[++i]);
        }
        return out;
    }

    // ---- COMMAND INFO ----

    @Test
    void commandInfoGetIsRedisBytesInResp2() {
        try (RawClient c = server.raw()) {
            assertEquals(INFO_GET_RESP2, c.call("COMMAND", "INFO", "get"));
        }
    }

    @Test
    void commandInfoGetIsRedisBytesInResp3() {
        try (RawClient c = resp3()) {
            assertEquals(INFO_GET_RESP3, c.call("COMMAND", "INFO", "get"));
        }
    }

    @Test
    void commandInfoNameIsCaseInsensitive() {
        try (RawClient c = server.raw()) {
            assertEquals(INFO_GET_RESP2, c.call("COMMAND", "INFO", "GeT"));
        }
    }

    @Test
    void commandInfoOfSubcommandByFullNameIsRedisBytes() {
        try (RawClient c = resp3()) {
            assertEquals(INFO_CONFIG_GET_RESP3, c.call("COMMAND", "INFO", "config|get"));
        }
    }

    @Test
    void commandInfoAnswersNilForUnknownCommandsInPlace() {
        try (RawClient c = server.raw()) {
            String reply = c.call("COMMAND", "INFO", "nosuch", "get", "cluster");
            assertEquals("*3\r\n$-1\r\n" + INFO_GET_RESP2.substring("*1\r\n".length()) + "$-1\r\n", reply);
        }
        try (RawClient c = resp3()) {
            assertEquals("*1\r\n_\r\n", c.call("COMMAND", "INFO", "nosuch"));
        }
    }

    @Test
    void commandInfoWithoutNamesEqualsCommand() {
        try (RawClient c = server.raw()) {
            assertEquals(c.call("COMMAND"), c.call("COMMAND", "INFO"));
        }
    }

    @Test
    void commandInfoOfContainerListsOnlyImplementedSubcommands() {
        try (RawClient c = server.raw()) {
            List<String> names = bulks(c.call("COMMAND", "INFO", "config"));
            assertTrue(names.containsAll(List.of("config", "config|get", "config|set", "config|resetstat",
                    "config|rewrite", "config|help")), names.toString());
        }
    }

    @Test
    void commandInfoIsReadableByLettuceInBothProtocols() {
        for (RedisCommands<String, String> cmd : List.of(server.resp2(), server.resp3())) {
            List<CommandDetail> details = CommandDetailParser.parse(cmd.commandInfo("get", "set"));
            assertEquals(2, details.size());
            assertEquals("get", details.get(0).getName());
            assertEquals(2, details.get(0).getArity());
            assertTrue(details.get(0).getFlags().contains(CommandDetail.Flag.READONLY));
            assertEquals(1, details.get(0).getFirstKeyPosition());
            assertEquals(-3, details.get(1).getArity());
            assertTrue(details.get(1).getFlags().contains(CommandDetail.Flag.WRITE));
        }
    }

    // ---- COMMAND, COMMAND COUNT ----

    @Test
    void commandListsEveryImplementedCommandAndNothingElse() {
        RedisCommands<String, String> cmd = server.resp2();
        List<CommandDetail> all = CommandDetailParser.parse(cmd.command());
        List<String> names = all.stream().map(CommandDetail::getName).toList();
        assertTrue(names.containsAll(List.of("get", "set", "config", "command", "info", "ping")), names.toString());
        assertFalse(names.contains("cluster"));
        assertFalse(names.contains("sync"));
        assertEquals(cmd.commandCount().intValue(), names.size());
    }

    @Test
    void commandCountAnswersAnInteger() {
        try (RawClient c = server.raw()) {
            String reply = c.call("COMMAND", "COUNT");
            assertTrue(reply.matches(":\\d+\r\n"), reply);
            assertEquals(server.resp3().commandCount().longValue(), Long.parseLong(reply.substring(1, reply.length() - 2)));
        }
    }

    @Test
    void commandCountWithArgumentIsAnArityErrorOfTheSubcommand() {
        try (RawClient c = server.raw()) {
            assertEquals("-ERR wrong number of arguments for 'command|count' command\r\n", c.call("COMMAND", "COUNT", "x"));
        }
    }

    @Test
    void unknownCommandSubcommandNamesIt() {
        try (RawClient c = server.raw()) {
            assertEquals("-ERR unknown subcommand 'foo'. Try COMMAND HELP.\r\n", c.call("COMMAND", "foo"));
        }
    }

    @Test
    void commandHelpListsSubcommandsAsSimpleStrings() {
        try (RawClient c = server.raw()) {
            String reply = c.call("COMMAND", "HELP");
            assertTrue(reply.startsWith("*21\r\n+COMMAND <subcommand> [<arg> [value] [opt] ...]. Subcommands are:\r\n"), reply);
            assertTrue(reply.endsWith("+HELP\r\n+    Prints this help.\r\n"), reply);
        }
    }

    // ---- COMMAND DOCS ----

    @Test
    void commandDocsGetIsRedisBytesInResp2() {
        try (RawClient c = server.raw()) {
            assertEquals(DOCS_GET_RESP2, c.call("COMMAND", "DOCS", "get"));
        }
    }

    @Test
    void commandDocsGetIsRedisBytesInResp3() {
        try (RawClient c = resp3()) {
            assertEquals(DOCS_GET_RESP3, c.call("COMMAND", "DOCS", "get"));
        }
    }

    @Test
    void commandDocsSetIsRedisBytesInResp3() {
        try (RawClient c = resp3()) {
            assertEquals(DOCS_SET_RESP3, c.call("COMMAND", "DOCS", "set"));
        }
    }

    @Test
    void commandDocsLeavesOutUnknownNames() {
        try (RawClient c = server.raw()) {
            assertEquals("*0\r\n", c.call("COMMAND", "DOCS", "nosuch"));
            assertEquals(DOCS_GET_RESP2, c.call("COMMAND", "DOCS", "nosuch", "get"));
        }
        try (RawClient c = resp3()) {
            assertEquals("%0\r\n", c.call("COMMAND", "DOCS", "nosuch"));
        }
    }

    @Test
    void commandDocsWithoutNamesCoversEveryCommand() {
        try (RawClient c = resp3()) {
            String reply = c.call("COMMAND", "DOCS");
            String count = c.call("COMMAND", "COUNT");
            assertEquals("%" + count.substring(1), reply.substring(0, reply.indexOf("\r\n") + 2));
        }
    }

    @Test
    void commandDocsOfContainerNestsImplementedSubcommands() {
        try (RawClient c = resp3()) {
            String reply = c.call("COMMAND", "DOCS", "config");
            assertTrue(reply.contains("$11\r\nsubcommands\r\n%5\r\n"), reply);
            assertTrue(reply.contains("$10\r\nconfig|get\r\n%6\r\n$7\r\nsummary\r\n"), reply);
        }
    }

    // ---- COMMAND LIST ----

    @Test
    void commandListNamesCommandsAndSubcommands() {
        try (RawClient c = server.raw()) {
            List<String> names = bulks(c.call("COMMAND", "LIST"));
            assertTrue(names.containsAll(List.of("get", "config", "config|get", "command|list")), names.toString());
            assertFalse(names.contains("cluster"));
        }
    }

    @Test
    void commandListFilterByPatternMatchesFullNamesIgnoringCase() {
        try (RawClient c = server.raw()) {
            List<String> names = bulks(c.call("COMMAND", "LIST", "FILTERBY", "PATTERN", "CONFIG*"));
            assertEquals(List.of("config", "config|get", "config|help", "config|resetstat", "config|rewrite", "config|set"),
                    names.stream().sorted().toList());
        }
    }

    @Test
    void commandListFilterByAclCategory() {
        try (RawClient c = server.raw()) {
            List<String> names = bulks(c.call("COMMAND", "LIST", "FILTERBY", "ACLCAT", "admin"));
            assertTrue(names.contains("config|set"), names.toString());
            assertTrue(names.contains("shutdown"), names.toString());
            assertFalse(names.contains("get"));
            assertFalse(names.contains("config"));
            assertEquals("*0\r\n", c.call("COMMAND", "LIST", "FILTERBY", "ACLCAT", "nosuch"));
        }
    }

    @Test
    void commandListFilterByModuleIsEmpty() {
        try (RawClient c = server.raw()) {
            assertEquals("*0\r\n", c.call("COMMAND", "LIST", "FILTERBY", "MODULE", "json"));
        }
    }

    @Test
    void commandListWithBadFilterIsASyntaxError() {
        try (RawClient c = server.raw()) {
            assertEquals("-ERR syntax error\r\n", c.call("COMMAND", "LIST", "foo"));
            assertEquals("-ERR syntax error\r\n", c.call("COMMAND", "LIST", "FILTERBY"));
            assertEquals("-ERR syntax error\r\n", c.call("COMMAND", "LIST", "FILTERBY", "foo", "x"));
            assertEquals("-ERR syntax error\r\n", c.call("COMMAND", "LIST", "FILTERBY", "PATTERN", "x", "y"));
        }
    }

    // ---- COMMAND GETKEYS / GETKEYSANDFLAGS ----

    @Test
    void getKeysFollowsKeyStep() {
        try (RawClient c = server.raw()) {
            assertEquals("*2\r\n$1\r\na\r\n$1\r\nc\r\n", c.call("COMMAND", "GETKEYS", "mset", "a", "b", "c", "d"));
            assertEquals("*2\r\n$1\r\na\r\n$1\r\nb\r\n", c.call("COMMAND", "GETKEYS", "lcs", "a", "b"));
            assertEquals("*1\r\n$1\r\nk\r\n", c.call("COMMAND", "GETKEYS", "GET", "k"));
        }
    }

    @Test
    void getKeysOfSubcommandUsesItsKeySpec() {
        try (RawClient c = server.raw()) {
            assertEquals("*1\r\n$1\r\nk\r\n", c.call("COMMAND", "GETKEYS", "memory", "usage", "k"));
        }
    }

    @Test
    void getKeysAndFlagsOfPlainSetIsRedisBytes() {
        try (RawClient c = server.raw()) {
            // From Redis 7.0.15.
            assertEquals("*1\r\n*2\r\n$1\r\na\r\n*2\r\n+OW\r\n+update\r\n", c.call("COMMAND", "GETKEYSANDFLAGS", "set", "a", "b"));
        }
        try (RawClient c = resp3()) {
            assertEquals("*1\r\n*2\r\n$1\r\na\r\n~2\r\n+OW\r\n+update\r\n", c.call("COMMAND", "GETKEYSANDFLAGS", "set", "a", "b"));
        }
    }

    @Test
    void getKeysAndFlagsOfSetWithGetAlsoReads() {
        try (RawClient c = server.raw()) {
            assertEquals("*1\r\n*2\r\n$1\r\na\r\n*3\r\n+RW\r\n+access\r\n+update\r\n",
                    c.call("COMMAND", "GETKEYSANDFLAGS", "set", "a", "b", "GET"));
        }
    }

    @Test
    void getKeysAndFlagsOfReadIsReadOnlyAccess() {
        try (RawClient c = server.raw()) {
            assertEquals("*1\r\n*2\r\n$1\r\nk\r\n*2\r\n+RO\r\n+access\r\n", c.call("COMMAND", "GETKEYSANDFLAGS", "get", "k"));
        }
    }

    @Test
    void getKeysOfUnknownCommandIsInvalid() {
        try (RawClient c = server.raw()) {
            assertEquals("-ERR Invalid command specified\r\n", c.call("COMMAND", "GETKEYS", "foo", "bar"));
            assertEquals("-ERR Invalid command specified\r\n", c.call("COMMAND", "GETKEYS", "config", "foo", "x"));
            assertEquals("-ERR Invalid command specified\r\n", c.call("COMMAND", "GETKEYS", "config|get", "x"));
        }
    }

    @Test
    void getKeysOfCommandWithoutKeysIsRefused() {
        try (RawClient c = server.raw()) {
            assertEquals("-ERR The command has no key arguments\r\n", c.call("COMMAND", "GETKEYS", "ping", "x"));
            assertEquals("-ERR The command has no key arguments\r\n", c.call("COMMAND", "GETKEYS", "config", "get", "x"));
        }
    }

    @Test
    void getKeysWithWrongArgumentCountForTheCommandIsRefused() {
        try (RawClient c = server.raw()) {
            assertEquals("-ERR Invalid number of arguments specified for command\r\n", c.call("COMMAND", "GETKEYS", "get", "a", "b"));
            assertEquals("-ERR Invalid number of arguments specified for command\r\n", c.call("COMMAND", "GETKEYS", "set", "a"));
        }
    }

    @Test
    void getKeysWithoutACommandIsAnArityError() {
        try (RawClient c = server.raw()) {
            assertEquals("-ERR wrong number of arguments for 'command|getkeys' command\r\n", c.call("COMMAND", "GETKEYS", "get"));
            assertEquals("-ERR wrong number of arguments for 'command|getkeysandflags' command\r\n",
                    c.call("COMMAND", "GETKEYSANDFLAGS"));
        }
    }

    // ---- arity from the table ----

    /**
     * For every implemented command and subcommand, a call with one argument too many (fixed
     * arity) or one too few (minimum arity) gets Redis's arity error naming it.
     */
    @Test
    void everyImplementedCommandRefusesAWrongArgumentCountWithItsName() {
        List<CommandDetail> all = CommandDetailParser.parse(server.resp2().command());
        int checked = 0;
        try (RawClient c = server.raw()) {
            for (CommandDetail top : all) {
                List<String> names = new ArrayList<>(List.of(top.getName()));
                names.addAll(bulks(c.call("COMMAND", "LIST", "FILTERBY", "PATTERN", top.getName() + "|*")));
                for (String name : names) {
                    int arity = arityOf(c, name);
                    String[] words = name.split("\\|");
                    int argc = arity > 0 ? arity + 1 : -arity - 1;
                    if (argc < words.length) continue; // minimum arity 1 (or 2 for a subcommand): no count is too few
                    List<String> argv = new ArrayList<>(List.of(words));
                    while (argv.size() < argc) argv.add("x");
                    assertEquals("-ERR wrong number of arguments for '" + name + "' command\r\n",
                            c.call(argv.toArray(new String[0])), "argc " + argc + " for " + name);
                    checked++;
                }
            }
        }
        assertTrue(checked > 40, "checked " + checked);
    }

    private static int arityOf(RawClient c, String name) {
        String reply = c.call("COMMAND", "INFO", name);
        String[] lines = reply.split("\r\n");
        return Integer.parseInt(lines[4].substring(1)); // *1, *10, $len, name, :arity
    }
}
