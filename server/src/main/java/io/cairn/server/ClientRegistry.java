package io.cairn.server;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/** Every connected session, by id (CLIENT LIST, CLIENT KILL, INFO clients). */
public final class ClientRegistry {

    private final ConcurrentSkipListMap<Long, Session> sessions = new ConcurrentSkipListMap<>();
    private final AtomicLong nextId = new AtomicLong();

    public long nextId() {
        return nextId.incrementAndGet();
    }

    public void add(Session s) {
        sessions.put(s.id(), s);
    }

    public void remove(Session s) {
        sessions.remove(s.id());
    }

    public Session get(long id) {
        return sessions.get(id);
    }

    public List<Session> all() {
        return new ArrayList<>(sessions.values());
    }

    public int count() {
        return sessions.size();
    }
}
