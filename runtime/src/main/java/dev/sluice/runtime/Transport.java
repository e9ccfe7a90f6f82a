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
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerDomainSocketChannel;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.channel.uring.IoUringSocketChannel;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The I/O transport: Linux's native epoll where it loads, else Java NIO; or, chosen by name
 * ({@link #named}, {@code SLUICE_TRANSPORT}), io_uring. io_uring hands the kernel a loop turn's
 * reads and sends in one call, which saves CPU on many small exchanges, but it reads into a
 * buffer that each waiting connection holds, and it relays large bodies more slowly than epoll
 * (bench/README.md), so it is not the default.
 */
public final class Transport {

    /**
     * How much a connection may have waiting to be sent before the other side of the proxy stops
     * being read (and how little before it is read again): 256 KiB and 128 KiB. Netty's 64/32 KiB
     * paused and resumed a large response's server several times per mebibyte, which showed in
     * its tail latency; the price is at most 256 KiB queued per connection whose peer reads slowly.
     */
    public static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(128 * 1024, 256 * 1024);

    /** The transports. */
    public enum Kind {
        IO_URING("io_uring", IoUring::isAvailable, IoUring::unavailabilityCause),
        EPOLL("epoll", Epoll::isAvailable, Epoll::unavailabilityCause),
        NIO("nio", () -> true, () -> null);

        private final String label;
        private final BooleanSupplier available;
        private final Supplier<Throwable> why;

        Kind(String label, BooleanSupplier available, Supplier<Throwable> why) {
            this.label = label;
            this.available = available;
            this.why = why;
        }

        public String label() {
            return label;
        }

        /** Whether this machine can run it (the native library loads, the kernel has the calls). */
        public boolean available() {
            return available.getAsBoolean();
        }

        /** Why it cannot run here, for a message. */
        String unavailability() {
            Throwable t = why.get();
            return t == null ? "unavailable" : String.valueOf(t.getMessage());
        }
    }

    private final Kind kind;

    private Transport(Kind kind) {
        this.kind = kind;
    }

    /** The default: epoll when the native library is available on this machine, else NIO. */
    public static Transport best() {
        return new Transport(Kind.EPOLL.available() ? Kind.EPOLL : Kind.NIO);
    }

    /** NIO, whatever the machine. */
    public static Transport nio() {
        return new Transport(Kind.NIO);
    }

    /**
     * The transport {@code name} ({@code io_uring}, {@code epoll} or {@code nio}, any case), or
     * {@link #best()} when {@code name} is null or blank.
     *
     * @throws IllegalArgumentException for an unknown name, or one this machine cannot run, with a
     *     message that says which and why
     */
    public static Transport named(String name) {
        if (name == null || name.isBlank()) {
            return best();
        }
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (Kind k : Kind.values()) {
            if (k.label.equals(wanted)) {
                if (!k.available()) {
                    throw new IllegalArgumentException("transport '" + k.label + "' cannot run on this machine: "
                            + k.unavailability());
                }
                return new Transport(k);
            }
        }
        throw new IllegalArgumentException("unknown transport '" + name.trim() + "' (expected io_uring, epoll or nio)");
    }

    public Kind kind() {
        return kind;
    }

    public String name() {
        return kind.label;
    }

    /** An event-loop group of {@code threads} threads. */
    public EventLoopGroup group(int threads) {
        IoHandlerFactory io = switch (kind) {
            case IO_URING -> IoUringIoHandler.newFactory();
            case EPOLL -> EpollIoHandler.newFactory();
            case NIO -> NioIoHandler.newFactory();
        };
        return new MultiThreadIoEventLoopGroup(threads, LoopTurns.around(io));
    }

    public Class<? extends ServerChannel> serverChannel() {
        return switch (kind) {
            case IO_URING -> IoUringServerSocketChannel.class;
            case EPOLL -> EpollServerSocketChannel.class;
            case NIO -> NioServerSocketChannel.class;
        };
    }

    public Class<? extends Channel> channel() {
        return switch (kind) {
            case IO_URING -> IoUringSocketChannel.class;
            case EPOLL -> EpollSocketChannel.class;
            case NIO -> NioSocketChannel.class;
        };
    }

    /** The server channel for UNIX domain sockets: the native transport's, else Java's (16 and later) through NIO. */
    public Class<? extends ServerChannel> serverDomainChannel() {
        return switch (kind) {
            case IO_URING -> IoUringServerDomainSocketChannel.class;
            case EPOLL -> EpollServerDomainSocketChannel.class;
            case NIO -> NioServerDomainSocketChannel.class;
        };
    }

    /** The address a {@link #serverDomainChannel()} binds for the UNIX socket at {@code path}. */
    public SocketAddress domainAddress(Path path) {
        return kind == Kind.NIO ? UnixDomainSocketAddress.of(path) : new DomainSocketAddress(path.toString());
    }
}
