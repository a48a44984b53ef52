package io.cairn.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The Puter.js KV tutorial's examples (seeds/000), replayed with KV.LIST and Redis commands. */
class PuterSeedTest extends KvTestSupport {

    @Test
    void postsPerUserAreListedByPrefixGlob() {
        Kv kv = kv2();
        kv.sync.set("user:42:post:001", "{\"title\":\"Hello World\"}");
        kv.sync.set("user:42:post:002", "{\"title\":\"Second\"}");
        kv.sync.set("user:99:post:001", "{\"title\":\"Other\"}");
        assertEquals(List.of("user:42:post:001", "user:42:post:002"), kv.keys("MATCH", "user:42:post:*"));
        assertEquals(List.of("user:99:post:001"), kv.keys("MATCH", "user:99:post:*"));
    }

    @Test
    void listWithValuesReturnsKeysAndValues() {
        Kv kv = kv2();
        kv.sync.set("user:7:post:001", "{\"title\":\"Hello World\"}");
        assertEquals(List.of(List.of("user:7:post:001", "{\"title\":\"Hello World\"}")),
                kv.list("KV.LIST", "MATCH", "user:7:post:*", "VALUES").get(1));
    }

    @Test
    void studentsAndCoursesAreListedFromBothDirections() {
        Kv kv = kv2();
        kv.sync.set("student:5:course:cs101", "{\"grade\":\"A\"}");
        kv.sync.set("student:5:course:math201", "{\"grade\":\"B\"}");
        kv.sync.set("course:cs101:student:5", "{\"name\":\"Bob\"}");
        kv.sync.set("course:cs101:student:12", "{\"name\":\"Ann\"}");
        assertEquals(List.of("student:5:course:cs101", "student:5:course:math201"), kv.keys("MATCH", "student:5:course:*"));
        assertEquals(List.of("course:cs101:student:12", "course:cs101:student:5"), kv.keys("MATCH", "course:cs101:student:*"));
    }

    @Test
    void ordersAreFilteredByStatusInTheKey() {
        Kv kv = kv2();
        kv.sync.set("order:active:100", "{}");
        kv.sync.set("order:completed:101", "{}");
        kv.sync.set("order:active:102", "{}");
        assertEquals(List.of("order:active:100", "order:active:102"), kv.keys("MATCH", "order:active:*"));
        assertEquals(List.of("order:completed:101"), kv.keys("MATCH", "order:completed:*"));
    }

    @Test
    void isoTimestampsListInChronologicalOrder() {
        Kv kv = kv2();
        kv.sync.set("log:2025-03-15T10:00:00Z", "third");
        kv.sync.set("log:2025-01-01T00:00:00Z", "first");
        kv.sync.set("log:2025-02-14T08:00:00Z", "second");
        assertEquals(List.of("log:2025-01-01T00:00:00Z", "log:2025-02-14T08:00:00Z", "log:2025-03-15T10:00:00Z"),
                kv.keys("MATCH", "log:*"));
        assertEquals(List.of("log:2025-03-15T10:00:00Z"), kv.keys("MATCH", "log:2025-03*"));
    }

    @Test
    void zeroPaddedIdsSortNumericallyAndUnpaddedOnesDoNot() {
        Kv kv = kv2();
        for (String k : List.of("item:1", "item:10", "item:2")) kv.sync.set(k, "x");
        assertEquals(List.of("item:1", "item:10", "item:2"), kv.keys("PREFIX", "item:"));
        Kv padded = kv2();
        padded.sync.select(1);
        for (String k : List.of("item:010", "item:001", "item:002")) padded.sync.set(k, "x");
        assertEquals(List.of("item:001", "item:002", "item:010"), padded.keys("PREFIX", "item:"));
    }

    @Test
    void countersFlushAndCursorPagesOfTen() {
        Kv kv = kv2();
        kv.sync.select(2);
        for (int i = 0; i < 3; i++) kv.sync.incr("stats:pageviews");
        assertEquals("3", kv.sync.get("stats:pageviews"));
        kv.sync.set("product:42:stock", "10");
        kv.sync.decr("product:42:stock");
        for (int i = 0; i < 15; i++) kv.sync.set(String.format("p:%02d", i), "x");
        List<Object> first = kv.list("KV.LIST", "LIMIT", "10");
        assertEquals(10, ((List<?>) first.get(1)).size());
        List<Object> second = kv.list("KV.LIST", "CURSOR", (String) first.get(0));
        assertEquals(7, ((List<?>) second.get(1)).size());
        assertEquals("", second.get(0));
        kv.sync.flushdb();
        assertEquals(List.of(), kv.keys());
    }
}
