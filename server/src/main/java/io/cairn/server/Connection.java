package io.cairn.server;

import io.cairn.protocol.Reply;

/** What a session needs from its transport, so sessions and handlers stay free of Netty. */
public interface Connection {

    /** "ip:port" of the peer. */
    String remoteAddress();

    /** "ip:port" of our side. */
    String localAddress();

    /** Closes the connection once the replies already written have been sent. */
    void closeAfterFlush();

    /** Sends an out-of-band reply (RESP3 push) now. */
    void push(Reply reply);
}
