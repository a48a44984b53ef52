package io.cairn.protocol;

/**
 * Emitted once by {@link RespDecoder} when the request stream is malformed; the decoder
 * discards all later input, so the server should reply with {@link #toReply()} and close.
 *
 * @param message Redis's text, e.g. "Protocol error: invalid bulk length" (no "ERR " prefix)
 */
public record ProtocolError(String message) {

    /** The "-ERR Protocol error: ..." reply Redis sends before closing the connection. */
    public Reply toReply() { return Reply.err(message); }
}
