package io.cairn.server.net;

import io.cairn.server.ServerStats;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/** Counts the bytes clients send (INFO total_net_input_bytes) before the decoder sees them. */
@ChannelHandler.Sharable
final class InputCounter extends ChannelInboundHandlerAdapter {

    private final ServerStats stats;

    InputCounter(ServerStats stats) {
        this.stats = stats;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf buf) stats.netInputBytes.add(buf.readableBytes());
        ctx.fireChannelRead(msg);
    }
}
