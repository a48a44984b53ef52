package io.cairn.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.lettuce.core.RedisCommandExecutionException;

/** KV.TXN: checks, operations, all-or-nothing, limits. */
class KvTxnTest extends KvTestSupport {

    @Test
    void opsRunInOrderAndReplyEachResult() {
        Kv kv = kv2();
        kv.sync.set("txn:gone", "x");
        List<Object> r = kv.list("KV.TXN", "SET", "txn:n", "5", "INCRBY", "txn:n", "3", "DEL", "txn:gone", "DEL", "txn:never");
        assertEquals(4, r.size());
        assertTrue((Long) r.get(0) > 0);
        assertEquals(List.of(8L, 1L, 0L), r.subList(1, 4));
        assertEquals("8", kv.sync.get("txn:n"));
        assertEquals(0L, kv.sync.exists("txn:gone"));
    }

    @Test
    void passingChecksLetTheOpsRun() {
        Kv kv = kv2();
        long g = kv.gen("KV.PUT", "txn:acct", "100");
        List<Object> r = kv.list("KV.TXN", "CHECK", "txn:acct", Long.toString(g), "CHECK", "txn:fresh", "0",
                "SET", "txn:acct", "90", "SET", "txn:fresh", "10");
        assertEquals(2, r.size());
        assertEquals("90", kv.sync.get("txn:acct"));
        assertEquals("10", kv.sync.get("txn:fresh"));
    }

    @Test
    void aFailedCheckRepliesNilAndChangesNothing() {
        Kv kv = kv2();
        long g = kv.gen("KV.PUT", "txn:c1", "a");
        kv.sync.set("txn:c2", "b");
        assertNull(kv.call("KV.TXN", "CHECK", "txn:c1", Long.toString(g), "CHECK", "txn:c2", "0",
                "SET", "txn:c1", "changed", "DEL", "txn:c2"));
        assertEquals("a", kv.sync.get("txn:c1"));
        assertEquals("b", kv.sync.get("txn:c2"));
    }

    @Test
    void anErrorInALaterOpUndoesNothingBecauseNothingWasWritten() {
        Kv kv = kv2();
        kv.sync.set("txn:text", "not a number");
        RedisCommandExecutionException e = assertThrows(RedisCommandExecutionException.class,
                () -> kv.call("KV.TXN", "SET", "txn:first", "1", "INCRBY", "txn:text", "1"));
        assertEquals("ERR value is not an integer or out of range", e.getMessage());
        assertEquals(0L, kv.sync.exists("txn:first"));
    }

    @Test
    void setTakesTtlAndMeta() {
        Kv kv = kv3();
        kv.call("KV.TXN", "SET", "txn:opt", "v", "EX", "100", "META", "m", "SET", "txn:opt2", "w", "PX", "5000");
        Map<String, Object> m = kv.map("KV.GET", "txn:opt", "WITHMETA");
        assertEquals("m", m.get("meta"));
        assertTrue(kv.sync.ttl("txn:opt") > 90);
        assertTrue(kv.sync.pttl("txn:opt2") > 4000);
    }

    @Test
    void incrbyKeepsTtlAndMeta() {
        Kv kv = kv3();
        kv.call("KV.PUT", "txn:ctr", "1", "META", "m", "EX", "100");
        kv.call("KV.TXN", "INCRBY", "txn:ctr", "41");
        assertEquals("42", kv.sync.get("txn:ctr"));
        assertEquals("m", kv.map("KV.GET", "txn:ctr", "WITHMETA").get("meta"));
        assertTrue(kv.sync.ttl("txn:ctr") > 90);
    }

    @Test
    void tenThousandOpsAreAcceptedAndOneMoreRefused() {
        Kv kv = kv2();
        List<String> args = new ArrayList<>(List.of("KV.TXN"));
        for (int i = 0; i < 10_000; i++) args.addAll(List.of("SET", "txn:bulk:" + i, "v"));
        assertEquals(10_000, kv.list(args.toArray(String[]::new)).size());
        args.addAll(List.of("SET", "txn:bulk:extra", "v"));
        RedisCommandExecutionException e = assertThrows(RedisCommandExecutionException.class,
                () -> kv.call(args.toArray(String[]::new)));
        assertEquals("ERR at most 10000 operations per KV.TXN", e.getMessage());
        assertEquals(0L, kv.sync.exists("txn:bulk:extra"));
    }

    @Test
    void malformedTransactionsAreErrors() {
        assertError("ERR unknown KV.TXN operation 'GET', expected SET, DEL or INCRBY", "GET", "k");
        assertError("ERR CHECK must come before the first operation", "SET", "k", "v", "CHECK", "k", "0");
        assertError("ERR KV.TXN needs at least one operation", "CHECK", "k", "0");
        assertError("ERR 'SET' needs 2 arguments", "SET", "k");
        assertError("ERR value is not an integer or out of range", "INCRBY", "k", "x");
        assertError("ERR a CHECK generation must be 0 or more", "CHECK", "k", "-1", "DEL", "k");
    }

    @Test
    void otherClientsNeverSeeHalfATransaction() throws Exception {
        Kv writer = kv2();
        Kv reader = kv2();
        writer.call("KV.TXN", "SET", "txn:a", "0", "SET", "txn:b", "0");
        Thread t = new Thread(() -> {
            for (int i = 1; i <= 300; i++) writer.call("KV.TXN", "SET", "txn:a", "" + i, "SET", "txn:b", "" + i);
        });
        t.start();
        while (t.isAlive()) {
            List<String> both = reader.sync.mget("txn:a", "txn:b").stream().map(kv -> kv.getValue()).toList();
            assertEquals(both.get(0), both.get(1));
        }
        t.join();
    }

    private void assertError(String error, String... txnArgs) {
        Kv kv = kv2();
        RedisCommandExecutionException e = assertThrows(RedisCommandExecutionException.class,
                () -> kv.call(prepend("KV.TXN", txnArgs)));
        assertEquals(error, e.getMessage());
    }
}
