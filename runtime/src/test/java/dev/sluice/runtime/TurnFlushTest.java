package dev.sluice.runtime;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.io.ByteArrayOutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A connection's flushes held to the end of its loop's turn, on real sockets on 127.0.0.1. */
class TurnFlushTest {

    private EventLoopGroup group;
    private Channel server;
    private Channel client;
    /** What the accepting side read, and whether its connection ended. */
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    /** The client's flushes that went past its TurnFlush, to the socket. */
    private final AtomicInteger passed = new AtomicInteger();

    @AfterEach
    void stop() {
        if (client != null) {
            client.close().syncUninterruptibly();
        }
        if (server != null) {
            server.close().syncUninterruptibly();
        }
        if (group != null) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    /** A listener on 127.0.0.1 port 0 and a client connected to it, the client's flushes through a TurnFlush. */
    private void connect(EventLoopGroup group, Class<? extends io.netty.channel.ServerChannel> serverType,
            Class<? extends Channel> clientType) {
        this.group = group;
        server = new ServerBootstrap().group(group).channel(serverType)
                .childHandler(new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        ByteBuf b = (ByteBuf) msg;
                        byte[] bytes = new byte[b.readableBytes()];
                        b.readBytes(bytes);
                        b.release();
                        synchronized (received) {
                            received.writeBytes(bytes);
                        }
                    }

                    @Override
                    public void channelInactive(ChannelHandlerContext ctx) {
                        ended.complete(null);
                    }
                })
                .bind("127.0.0.1", 0).syncUninterruptibly().channel();
        client = new Bootstrap().group(group).channel(clientType)
                .option(ChannelOption.TCP_NODELAY, true)
                // room in the kernel for any of these writes at once
                .option(ChannelOption.SO_SNDBUF, 1 << 20)
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast("passed", new ChannelOutboundHandlerAdapter() {
                            @Override
                            public void flush(ChannelHandlerContext ctx) {
                                passed.incrementAndGet();
                                ctx.flush();
                            }
                        });
                        ch.pipeline().addLast(TurnFlush.NAME, new TurnFlush());
                    }
                })
                .connect(server.localAddress()).syncUninterruptibly().channel();
    }

    private void connect(Transport transport) {
        connect(transport.group(1), transport.serverChannel(), transport.channel());
    }

    /** What the accepting side has read, once it is {@code bytes} long or after 5 s. */
    private String received(int bytes) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        String so = receivedSoFar();
        while (so.length() < bytes && System.nanoTime() - end < 0) {
            Thread.sleep(5);
            so = receivedSoFar();
        }
        return so;
    }

    private String receivedSoFar() {
        synchronized (received) {
            return received.toString(US_ASCII);
        }
    }

    /**
     * How many of the client's flushes went on to its socket. (Not the bytes it has yet to send:
     * with io_uring a flush only queues the send, which the kernel makes when the loop next enters
     * it.)
     */
    private int passed() {
        return passed.get();
    }

    private static ByteBuf ascii(String s) {
        return Unpooled.copiedBuffer(s, US_ASCII);
    }

    @ParameterizedTest
    @MethodSource("transports")
    void aFlushOnTheLoopIsSentWhenItsTurnEnds(Transport transport) throws Exception {
        connect(transport);
        int heldInTurn = client.eventLoop().submit(() -> {
            client.writeAndFlush(ascii("hello"));
            return passed();
        }).get(5, TimeUnit.SECONDS);

        assertThat(heldInTurn).as("flushes passed on in the turn that made them").isZero();
        assertThat(received(5)).isEqualTo("hello");
        assertThat(passed()).isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("transports")
    void aFlushFromAnotherThreadIsSentBeforeTheLoopWaitsAgain(Transport transport) throws Exception {
        connect(transport);
        // the write runs as one of the loop's tasks, after its I/O; then nothing wakes the loop
        // before the check below is due. Sent before the loop waits, the bytes are in the
        // accepting socket (served by the same loop) when the wait ends, and read before the check
        // runs; sent after the wait, they would still be on their way.
        client.writeAndFlush(ascii("from a task"));
        String atCheck = group.schedule(this::receivedSoFar, 200, TimeUnit.MILLISECONDS).get(5, TimeUnit.SECONDS);

        assertThat(atCheck).isEqualTo("from a task");
    }

    @ParameterizedTest
    @MethodSource("transports")
    void closingSendsWhatIsHeldFirst(Transport transport) throws Exception {
        connect(transport);
        client.eventLoop().submit(() -> {
            client.writeAndFlush(ascii("last words"));
            client.close();
        }).get(5, TimeUnit.SECONDS);

        ended.get(5, TimeUnit.SECONDS);
        assertThat(received(10)).isEqualTo("last words");
    }

    @ParameterizedTest
    @MethodSource("transports")
    void aReadInTheSameTurnSendsWhatIsHeldFirst(Transport transport) throws Exception {
        connect(transport);
        int afterRead = client.eventLoop().submit(() -> {
            client.writeAndFlush(ascii("answer"));
            // (a read that may carry the end of the connection, which closes it without the pipeline)
            client.pipeline().fireChannelReadComplete();
            return passed();
        }).get(5, TimeUnit.SECONDS);

        assertThat(afterRead).isEqualTo(1);
        assertThat(received(6)).isEqualTo("answer");
    }

    @ParameterizedTest
    @MethodSource("transports")
    void moreThanItHoldsGoesAtOnce(Transport transport) throws Exception {
        connect(transport);
        int size = TurnFlush.HOLD_AT_MOST;
        int[] passed = client.eventLoop().submit(() -> {
            client.writeAndFlush(ascii("small"));
            int small = passed();
            client.writeAndFlush(Unpooled.wrappedBuffer(new byte[size]));
            return new int[] {small, passed()};
        }).get(5, TimeUnit.SECONDS);

        assertThat(passed[0]).isZero();
        assertThat(passed[1]).as("flushes passed on after %d bytes more", size).isEqualTo(1);
        assertThat(received(5 + size)).startsWith("small").hasSize(5 + size);
    }

    @Test
    void onALoopThatDoesNotCountTurnsAFlushGoesAtOnce() throws Exception {
        connect(new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory()), NioServerSocketChannel.class,
                NioSocketChannel.class);
        int passed = client.eventLoop().submit(() -> {
            client.writeAndFlush(ascii("now"));
            return passed();
        }).get(5, TimeUnit.SECONDS);

        assertThat(passed).isEqualTo(1);
        assertThat(received(3)).isEqualTo("now");
    }

    /** Every transport this machine runs. */
    static Stream<Transport> transports() {
        return TransportUnderTest.all();
    }
}
