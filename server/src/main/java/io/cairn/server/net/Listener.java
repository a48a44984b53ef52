package io.cairn.server.net;

import java.net.InetSocketAddress;

import io.cairn.protocol.RespDecoder;
import io.cairn.protocol.RespLimits;
import io.cairn.server.Config;
import io.cairn.server.Dispatcher;
import io.cairn.server.Server;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;

/** The TCP listener: Netty on epoll where the platform has it, NIO elsewhere. */
public final class Listener implements AutoCloseable {

    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Channel channel;

    public Listener(Server server, Dispatcher dispatcher, RespLimits limits) throws InterruptedException {
        Config config = server.config();
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        Class<? extends ServerChannel> channelType = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        boss = new MultiThreadIoEventLoopGroup(1, io);
        workers = new MultiThreadIoEventLoopGroup(config.getInt("io-threads"), io);
        InputCounter inputCounter = new InputCounter(server.stats());
        ServerBootstrap b = new ServerBootstrap()
                .group(boss, workers)
                .channel(channelType)
                .option(ChannelOption.SO_BACKLOG, 511)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast("input-counter", inputCounter);
                        ch.pipeline().addLast("decoder", new RespDecoder(limits));
                        ch.pipeline().addLast("handler", new ConnectionHandler(server, dispatcher));
                    }
                });
        String bind = config.get("bind").split("\\s+")[0];
        channel = b.bind(new InetSocketAddress(bind, config.getInt("port"))).sync().channel();
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    public String host() {
        return ((InetSocketAddress) channel.localAddress()).getAddress().getHostAddress();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        boss.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }
}
