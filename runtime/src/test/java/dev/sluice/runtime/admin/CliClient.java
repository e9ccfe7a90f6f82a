package dev.sluice.runtime.admin;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/** A client of the runtime API, as socat is one: over TCP or a UNIX socket. */
final class CliClient implements AutoCloseable {

    private final SocketChannel channel;
    private final InputStream in;
    private final OutputStream out;

    private CliClient(SocketChannel channel) {
        this.channel = channel;
        this.in = Channels.newInputStream(channel);
        this.out = Channels.newOutputStream(channel);
    }

    static CliClient connect(SocketAddress address) throws IOException {
        SocketChannel ch = address instanceof UnixDomainSocketAddress
                ? SocketChannel.open(StandardProtocolFamily.UNIX) : SocketChannel.open();
        ch.connect(address instanceof InetSocketAddress a && a.getAddress().isAnyLocalAddress()
                ? new InetSocketAddress("127.0.0.1", a.getPort()) : address);
        return new CliClient(ch);
    }

    /** Sends {@code input} as {@code echo input | socat - ADDRESS} does, and reads until the server closes. */
    static String oneShot(SocketAddress address, String input) throws IOException {
        try (CliClient c = connect(address)) {
            c.send(input);
            return c.readToEnd();
        }
    }

    void send(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Ends the client's side, as socat does at the end of its input. */
    void shutdownOutput() throws IOException {
        channel.shutdownOutput();
    }

    /** Everything until the server closes. */
    String readToEnd() throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    /** Everything until the text read ends with {@code end}. */
    String readUntil(String end) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        while (!b.toString(StandardCharsets.UTF_8).endsWith(end)) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("closed after: " + b.toString(StandardCharsets.UTF_8));
            }
            b.write(c);
        }
        return b.toString(StandardCharsets.UTF_8);
    }

    /** Whether the server closed the connection (reads end of stream). */
    boolean closedByServer() throws IOException {
        return in.read() < 0;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
