package io.cairn.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** COMMAND INFO and COMMAND DOCS describe every new command. */
class KvCommandDocsTest extends KvTestSupport {

    @Test
    @SuppressWarnings("unchecked")
    void commandInfoGivesArityFlagsAndKeyPositions() {
        Kv kv = kv2();
        List<Object> put = (List<Object>) kv.list("COMMAND", "INFO", "kv.put").get(0);
        assertEquals(List.of("kv.put", -3L), put.subList(0, 2));
        assertTrue(((List<?>) put.get(2)).contains("write"));
        assertEquals(List.of(1L, 1L, 1L), put.subList(3, 6));
        List<Object> list = (List<Object>) kv.list("COMMAND", "INFO", "kv.list").get(0);
        assertTrue(((List<?>) list.get(2)).contains("readonly"));
    }

    @Test
    void everyNewCommandHasDocsWithASummary() {
        Kv kv = kv3();
        for (String name : List.of("kv.put", "kv.get", "kv.del", "kv.list", "kv.txn", "bucket")) {
            Map<String, Object> docs = kv.map("COMMAND", "DOCS", name);
            @SuppressWarnings("unchecked")
            Map<String, Object> doc = (Map<String, Object>) docs.get(name);
            assertTrue(((String) doc.get("summary")).length() > 20, name);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> bucket = (Map<String, Object>) kv.map("COMMAND", "DOCS", "bucket").get("bucket");
        @SuppressWarnings("unchecked")
        Map<String, Object> subs = (Map<String, Object>) bucket.get("subcommands");
        assertEquals(7, subs.size());
    }
}
