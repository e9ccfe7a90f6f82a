package dev.sluice.runtime;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerDomainSocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;

/** The I/O transport: Linux's native epoll where it loads, Java NIO otherwise. */
public final class Transport {

    /**
     * How much a connection may have waiting to be sent before the other side of the proxy stops
     * being read (and how little before it is read again): 256 KiB and 128 KiB. Netty's 64/32 KiB
     * paused and resumed a large response's server several times per mebibyte, which showed in
     * its tail latency; the price is at most 256 KiB queued per connection whose peer reads slowly.
     */
    public static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(128 * 1024, 256 * 1024);

    private final boolean epoll;

    private Transport(boolean epoll) {
        this.epoll = epoll;
    }

    /** Epoll when the native library is available on this machine, else NIO. */
    public static Transport best() {
        return new Transport(Epoll.isAvailable());
    }

    /** NIO, whatever the machine. */
    public static Transport nio() {
        return new Transport(false);
    }

    public String name() {
        return epoll ? "epoll" : "nio";
    }

    /** An event-loop group of {@code threads} threads. */
    public EventLoopGroup group(int threads) {
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        return new MultiThreadIoEventLoopGroup(threads, LoopTurns.around(io));
    }

    public Class<? extends ServerChannel> serverChannel() {
        return epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    public Class<? extends Channel> channel() {
        return epoll ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    /** The server channel for UNIX domain sockets: epoll's, else Java's (16 and later) through NIO. */
    public Class<? extends ServerChannel> serverDomainChannel() {
        return epoll ? EpollServerDomainSocketChannel.class : NioServerDomainSocketChannel.class;
    }

    /** The address a {@link #serverDomainChannel()} binds for the UNIX socket at {@code path}. */
    public SocketAddress domainAddress(Path path) {
        return epoll ? new DomainSocketAddress(path.toString()) : UnixDomainSocketAddress.of(path);
    }
}
