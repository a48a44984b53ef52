package io.cairn.server.commands;

import io.cairn.server.Session;

/**
 * One client's line in CLIENT LIST and CLIENT INFO, in Redis 7.0.15's field order, followed by
 * Redis 7.2's lib-name and lib-ver (set by CLIENT SETINFO, which clients such as Lettuce send).
 * Fields about Redis's own buffers, which Cairn does not have, read 0.
 */
final class ClientInfo {

    private ClientInfo() {}

    /**
     * @param current the command the client is running now when it is the caller (Redis shows
     *                "client|list" for the client asking), else null for its last command
     */
    static String line(Session s, String current) {
        StringBuilder b = new StringBuilder(300);
        b.append("id=").append(s.id());
        b.append(" addr=").append(s.connection().remoteAddress());
        b.append(" laddr=").append(s.connection().localAddress());
        // Netty does not expose the socket's descriptor; -1 is what Redis shows for a client without one.
        b.append(" fd=-1");
        b.append(" name=").append(s.name());
        b.append(" age=").append(Math.max(0, s.ageMillis() / 1000));
        b.append(" idle=").append(current != null ? 0 : Math.max(0, s.idleMillis() / 1000));
        b.append(" flags=").append(flags(s));
        b.append(" db=").append(s.bucket().id());
        b.append(" sub=0 psub=0 ssub=0");
        var txn = s.transaction();
        b.append(" multi=").append(txn == null ? -1 : txn.queued().size());
        b.append(" qbuf=0 qbuf-free=0 argv-mem=0 multi-mem=0 rbs=0 rbp=0 obl=0 oll=0 omem=0 tot-mem=0");
        b.append(" events=r");
        b.append(" cmd=").append(current != null ? current : s.lastCommand());
        b.append(" user=").append(s.user());
        b.append(" redir=-1");
        b.append(" resp=").append(s.protocol());
        b.append(" lib-name=").append(s.libName());
        b.append(" lib-ver=").append(s.libVersion());
        return b.toString();
    }

    private static String flags(Session s) {
        StringBuilder f = new StringBuilder();
        if (s.inMulti()) f.append('x');
        if (s.closing()) f.append('c');
        if (s.noEvict()) f.append('e');
        if (s.noTouch()) f.append('T');
        return f.isEmpty() ? "N" : f.toString();
    }
}
