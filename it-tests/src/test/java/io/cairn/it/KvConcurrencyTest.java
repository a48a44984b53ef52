package io.cairn.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** Clients racing on generations, and listing while others write. */
class KvConcurrencyTest extends KvTestSupport {

    @Test
    void twoClientsRacingIfGenOnTheSameGenerationExactlyOneWins() throws Exception {
        Kv a = kv2(), b = kv2();
        for (int round = 0; round < 200; round++) {
            String key = "race:" + round;
            long g = a.gen("KV.PUT", key, "start");
            CyclicBarrier barrier = new CyclicBarrier(2);
            AtomicInteger wins = new AtomicInteger();
            List<Thread> threads = new ArrayList<>();
            for (Kv kv : List.of(a, b)) {
                Thread t = new Thread(() -> {
                    try {
                        barrier.await();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    if (kv.call("KV.PUT", key, "mine", "IFGEN", Long.toString(g)) != null) wins.incrementAndGet();
                });
                threads.add(t);
                t.start();
            }
            for (Thread t : threads) t.join();
            assertEquals(1, wins.get(), "round " + round);
        }
    }

    @Test
    void concurrentIncrementsThroughIfGenLoseNoUpdate() throws Exception {
        int clients = 4, each = 100;
        kv2().call("KV.PUT", "cas:counter", "0");
        CountDownLatch done = new CountDownLatch(clients);
        for (int c = 0; c < clients; c++) {
            Kv kv = kv2();
            new Thread(() -> {
                for (int i = 0; i < each; i++) {
                    while (true) {
                        List<Object> flat = kv.list("KV.GET", "cas:counter", "WITHMETA");
                        long value = Long.parseLong((String) flat.get(1));
                        if (kv.call("KV.PUT", "cas:counter", Long.toString(value + 1), "IFGEN", flat.get(5).toString()) != null) break;
                    }
                }
                done.countDown();
            }).start();
        }
        done.await();
        assertEquals(Integer.toString(clients * each), kv2().call("KV.GET", "cas:counter"));
    }

    /**
     * Puter's cursor pagination over 25,000 keys while other clients add and delete keys
     * elsewhere in the listed range: every key present throughout is listed exactly once.
     */
    @Test
    void paginationOver25000KeysMissesAndRepeatsNothingWhileOthersWrite() throws Exception {
        Kv kv = kv2();
        Set<String> stable = new HashSet<>();
        for (int batch = 0; batch < 25; batch++) {
            Map<String, String> m = new HashMap<>();
            for (int i = 0; i < 1000; i++) {
                String k = String.format("page:%06d", batch * 1000 + i);
                m.put(k, "v");
                stable.add(k);
            }
            kv.sync.mset(m);
        }
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < 3; w++) {
            Kv writer = kv2();
            int id = w;
            Thread t = new Thread(() -> {
                int n = 0;
                while (!stop.get()) {
                    // Keys sorting between the stable ones, written and deleted all along.
                    String k = String.format("page:%06d:w%d:%d", (n * 7919) % 25000, id, n);
                    writer.sync.set(k, "x");
                    if (n % 2 == 0) writer.sync.del(k);
                    n++;
                }
            });
            writers.add(t);
            t.start();
        }
        Set<String> seen = new HashSet<>();
        List<String> order = new ArrayList<>();
        String cursor = "";
        int pages = 0;
        try {
            do {
                List<Object> reply = kv.list("KV.LIST", "PREFIX", "page:", "LIMIT", "500", "CURSOR", cursor);
                cursor = (String) reply.get(0);
                for (Object o : (List<?>) reply.get(1)) {
                    String k = (String) o;
                    assertTrue(seen.add(k), "listed twice: " + k);
                    order.add(k);
                }
                pages++;
            } while (!cursor.isEmpty());
        } finally {
            stop.set(true);
            for (Thread t : writers) t.join();
        }
        assertTrue(seen.containsAll(stable), "missed " + (stable.size() - stable.stream().filter(seen::contains).count()));
        List<String> sorted = new ArrayList<>(order);
        java.util.Collections.sort(sorted);
        assertEquals(sorted, order);
        assertTrue(pages >= 50);
    }
}
