package io.cairn.server.net;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayDeque;

import io.cairn.protocol.ProtocolError;
import io.cairn.protocol.Reply;
import io.cairn.protocol.RespEncoder;
import io.cairn.server.Connection;
import io.cairn.server.Dispatcher;
import io.cairn.server.Server;
import io.cairn.server.Session;
import io.cairn.storage.StorageEngine;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.concurrent.FastThreadLocal;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * The thin end of the pipeline: a decoded command goes to the dispatcher, its reply is encoded
 * into one buffer per read, and that buffer is flushed once when the read completes, so a
 * pipelined batch costs one write system call, not one per command.
 *
 * <p>Under {@code appendfsync always} a buffer holding the reply to a write is held back until
 * the storage engine says the write is on disk, and later buffers queue behind it so replies
 * keep their order; the event loop meanwhile serves other connections, whose writes join the
 * same fsync (group commit).
 */
public final class ConnectionHandler extends ChannelInboundHandlerAdapter implements Connection {

    private final Server server;
    private final Dispatcher dispatcher;
    private ChannelHandlerContext ctx;
    private Session session;
    private ByteBuf pending;
    private boolean closeAfterFlush;
    private boolean closeStarted;
    /** Replies written by earlier reads that wait for their writes to become durable, in order. */
    private final ArrayDeque<Held> held = new ArrayDeque<>();
    private boolean awaitingDurability;

    private record Held(ByteBuf replies, long position) {}

    public ConnectionHandler(Server server, Dispatcher dispatcher) {
        this.server = server;
        this.dispatcher = dispatcher;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        server.stats().connectionsReceived.incrementAndGet();
        session = new Session(server.clients().nextId(), server, this);
        if (server.clients().count() >= server.config().getInt("maxclients")) {
            server.stats().rejectedConnections.incrementAndGet();
            writeNow(Reply.err("max number of clients reached"));
            closeAfterFlush();
            flush();
            return;
        }
        server.clients().add(session);
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (session != null) server.clients().remove(session);
        release();
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (closeAfterFlush) return;
        if (msg instanceof ProtocolError error) {
            writeNow(Reply.err(error.message()));
            closeAfterFlush();
            return;
        }
        Reply reply = dispatcher.dispatch(session, (byte[][]) msg);
        if (reply != null) writeNow(reply);
    }

    private void writeNow(Reply reply) {
        if (pending == null) pending = ctx.alloc().ioBuffer(256);
        RespEncoder.encode(reply, pending, session == null ? 2 : session.protocol());
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        flush();
        ctx.fireChannelReadComplete();
    }

    private void flush() {
        ByteBuf out = pending;
        pending = null;
        StorageEngine engine = server.keyspace().engine();
        if (out != null) {
            server.stats().netOutputBytes.add(out.readableBytes());
            long position = session.lastWritePosition();
            if (held.isEmpty() && !closeAfterFlush && engine.isDurable(position)) {
                ctx.writeAndFlush(out, ctx.voidPromise());
                return;
            }
            held.add(new Held(out, position));
        }
        boolean wrote = false;
        while (!held.isEmpty() && engine.isDurable(held.peek().position())) {
            ctx.write(held.poll().replies(), ctx.voidPromise());
            wrote = true;
        }
        if (!held.isEmpty()) {
            if (wrote) ctx.flush();
            awaitDurability(engine, held.peek().position());
        } else if (closeAfterFlush) {
            closeStarted = true;
            ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        } else if (wrote) {
            ctx.flush();
        }
    }

    private void awaitDurability(StorageEngine engine, long position) {
        if (awaitingDurability) return;
        awaitingDurability = true;
        commitAfterThisTurn(engine);
        Runnable resume = () -> {
            awaitingDurability = false;
            flush();
        };
        // The fsync may have run on this very event loop (StorageEngine.commitNow): then the
        // replies leave at once, before the loop reads more input.
        engine.whenDurable(position, () -> {
            if (ctx.executor().inEventLoop()) resume.run();
            else ctx.executor().execute(resume);
        });
    }

    /** Per event loop: whether a commitNow() is already scheduled for the end of this turn. */
    private static final FastThreadLocal<boolean[]> COMMIT_SCHEDULED = new FastThreadLocal<>() {
        @Override
        protected boolean[] initialValue() {
            return new boolean[1];
        }
    };

    /**
     * Group commit as Redis's beforeSleep does it: the event loop runs its tasks after the input
     * of every ready connection, so one commitNow() there covers the writes of all of them.
     */
    private void commitAfterThisTurn(StorageEngine engine) {
        boolean[] scheduled = COMMIT_SCHEDULED.get();
        if (scheduled[0]) return;
        scheduled[0] = true;
        ctx.executor().execute(() -> {
            scheduled[0] = false;
            engine.commitNow();
        });
    }

    private void release() {
        if (pending != null) {
            pending.release();
            pending = null;
        }
        while (!held.isEmpty()) held.poll().replies().release();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    // ---- Connection ----

    @Override
    public String remoteAddress() {
        return format(ctx.channel().remoteAddress());
    }

    @Override
    public String localAddress() {
        return format(ctx.channel().localAddress());
    }

    private static String format(SocketAddress a) {
        if (a instanceof InetSocketAddress in) return in.getAddress().getHostAddress() + ":" + in.getPort();
        return String.valueOf(a);
    }

    @Override
    public void closeAfterFlush() {
        if (ctx.executor().inEventLoop()) {
            closeAfterFlush = true;
            // The caller may be another connection on the same event loop (CLIENT KILL): this
            // one may be idle and never reach channelReadComplete, so close it from a task
            // unless its own read completion has already done so (QUIT).
            ctx.executor().execute(() -> {
                if (!closeStarted) flush();
            });
        } else {
            // CLIENT KILL from another connection's thread.
            ctx.executor().execute(() -> {
                closeAfterFlush = true;
                if (!closeStarted) flush();
            });
        }
    }

    @Override
    public void push(Reply reply) {
        ctx.executor().execute(() -> {
            writeNow(reply);
            flush();
        });
    }
}
