package io.cairn.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The Puter.js KV tutorial's partial updates (seeds/000, "Partial Updates"), done the way
 * DESIGN.md section 5 maps them onto JSON commands:
 * update(k, {'a.b': v, 'c': w}) → JSON.MSET k $.a.b v k $.c w;
 * add(k, {'tags': [x, y]}) → JSON.ARRAPPEND k $.tags x y;
 * remove(k, 'p', 'q.r') → one JSON.PATCH with two removes;
 * incr of a field → JSON.NUMINCRBY.
 */
class PuterJsonTutorialTest extends JsonTestSupport {

    @Test
    void updateChangesSpecificFieldsByDotPath() {
        // await puter.kv.set('user:42', {name: 'Alice', stats: {score: 10, level: 1}, preferences: {theme: 'light', lang: 'en'}});
        doc("user:42", "{\"name\":\"Alice\",\"stats\":{\"score\":10,\"level\":1},\"preferences\":{\"theme\":\"light\",\"lang\":\"en\"}}");
        // await puter.kv.update('user:42', {'stats.score': 25, 'preferences.theme': 'dark'});
        assertEquals(OK, call("JSON.MSET", "user:42", "$.stats.score", "25", "user:42", "$.preferences.theme", "\"dark\""));
        // Result: { name: 'Alice', stats: { score: 25, level: 1 }, preferences: { theme: 'dark', lang: 'en' } }
        assertEquals("{\"name\":\"Alice\",\"stats\":{\"score\":25,\"level\":1},\"preferences\":{\"theme\":\"dark\",\"lang\":\"en\"}}",
                get("user:42"));
    }

    @Test
    void addAppendsToArrays() {
        // await puter.kv.set('user:42', {name: 'Alice', tags: ['admin']});
        doc("user:42:tags", "{\"name\":\"Alice\",\"tags\":[\"admin\"]}");
        // await puter.kv.add('user:42', {'tags': ['moderator', 'beta-tester']});
        assertEquals(array(integer(3)), call("JSON.ARRAPPEND", "user:42:tags", "$.tags", "\"moderator\"", "\"beta-tester\""));
        // Result: { name: 'Alice', tags: ['admin', 'moderator', 'beta-tester'] }
        assertEquals("{\"name\":\"Alice\",\"tags\":[\"admin\",\"moderator\",\"beta-tester\"]}", get("user:42:tags"));
    }

    @Test
    void removeStripsFields() {
        // await puter.kv.set('user:42', {name: 'Alice', stats: {score: 25, level: 3}, tempToken: 'abc123'});
        doc("user:42:remove", "{\"name\":\"Alice\",\"stats\":{\"score\":25,\"level\":3},\"tempToken\":\"abc123\"}");
        // await puter.kv.remove('user:42', 'tempToken', 'stats.score');
        assertEquals(OK, call("JSON.PATCH", "user:42:remove",
                "[{\"op\":\"remove\",\"path\":\"/tempToken\"},{\"op\":\"remove\",\"path\":\"/stats/score\"}]"));
        // Result: { name: 'Alice', stats: { level: 3 } }
        assertEquals("{\"name\":\"Alice\",\"stats\":{\"level\":3}}", get("user:42:remove"));
    }

    @Test
    void incrementingAFieldInsideTheDocument() {
        doc("user:42:incr", "{\"name\":\"Alice\",\"stats\":{\"score\":25}}");
        assertEquals(bulk("[26]"), call("JSON.NUMINCRBY", "user:42:incr", "$.stats.score", "1"));
        assertEquals(bulk("26"), call("JSON.GET", "user:42:incr", "stats.score"));
    }

    @Test
    void versionFieldGuardsAnUpdateWithATest() {
        // Optimistic concurrency: "Safe to update" only when the version is still the one read.
        doc("product:42", "{\"stock\":5,\"version\":7}");
        String stale = "[{\"op\":\"test\",\"path\":\"/version\",\"value\":6},"
                + "{\"op\":\"replace\",\"path\":\"/stock\",\"value\":4},{\"op\":\"replace\",\"path\":\"/version\",\"value\":7}]";
        assertEquals("-ERR JSON.PATCH operation 0 (test /version)", call("JSON.PATCH", "product:42", stale).substring(0, 43));
        String fresh = "[{\"op\":\"test\",\"path\":\"/version\",\"value\":7},"
                + "{\"op\":\"replace\",\"path\":\"/stock\",\"value\":4},{\"op\":\"replace\",\"path\":\"/version\",\"value\":8}]";
        assertEquals(OK, call("JSON.PATCH", "product:42", fresh));
        assertEquals("{\"stock\":4,\"version\":8}", get("product:42"));
    }
}
