package dev.sluice.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Servers the runtime tests proxy to, on 127.0.0.1 with ports chosen by the system. */
final class Backends {

    private Backends() {
    }

    /** Reads an HTTP message head up to its empty line (or the end of the stream), as text. */
    static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int c;
        while (!head.toString().endsWith("\r\n\r\n") && (c = in.read()) >= 0) {
            head.append((char) c);
        }
        return head.toString();
    }

    /** Writes {@code text} on {@code s} and asserts that the same text comes back, as from an {@link Echo}. */
    static void assertEchoes(Socket s, String text) throws IOException {
        s.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
        byte[] back = s.getInputStream().readNBytes(text.length());
        assertThat(new String(back, StandardCharsets.ISO_8859_1)).isEqualTo(text);
    }

    /** A TCP server that echoes what it reads, then shuts its output when the client shuts its own. */
    static final class Echo implements AutoCloseable {

        final ServerSocket socket;
        private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "echo");
            t.setDaemon(true);
            return t;
        });

        Echo() throws IOException {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            threads.execute(() -> {
                while (!socket.isClosed()) {
                    try {
                        Socket s = socket.accept();
                        threads.execute(() -> serve(s));
                    } catch (IOException e) {
                        return;
                    }
                }
            });
        }

        private static void serve(Socket s) {
            try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                byte[] buf = new byte[8192];
                int n;
                while ((n = in.read(buf)) > 0) {
                    out.write(buf, 0, n);
                    out.flush();
                }
                s.shutdownOutput();
            } catch (IOException e) {
                // the client went away
            }
        }

        int port() {
            return socket.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            socket.close();
            threads.shutdownNow();
        }
    }

    /**
     * A WebSocket server for one connection: it answers the handshake with 101, saying in
     * {@code X-Saw-Upgrade} whether the request asked for the upgrade, then echoes what comes
     * through the tunnel.
     */
    static final class WebSocket implements AutoCloseable {

        /** A client's handshake for {@code /chat}, with the key the server's {@code Sec-WebSocket-Accept} answers. */
        static final String HANDSHAKE = "GET /chat HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n";

        final ServerSocket socket;

        WebSocket() throws IOException {
            this("");
        }

        /** A server that sends {@code greeting} in the same write as its 101, before the client says anything. */
        WebSocket(String greeting) throws IOException {
            socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
            Thread t = new Thread(() -> {
                try (Socket s = socket.accept()) {
                    InputStream in = s.getInputStream();
                    String head = readHead(in).toLowerCase(Locale.ROOT);
                    OutputStream out = s.getOutputStream();
                    out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                            + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"
                            + "X-Saw-Upgrade: " + head.contains("upgrade: websocket") + "\r\n\r\n" + greeting)
                            .getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    in.transferTo(out);
                } catch (IOException e) {
                    // the test ends the tunnel
                }
            }, "websocket");
            t.setDaemon(true);
            t.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /**
     * An HTTP server that answers every request with its own name, the method, the path and the
     * request headers it received (one {@code name: value} line each), and records the requests.
     * {@code /status/N} answers with status N, {@code /big/N} with N bytes.
     */
    static final class Http implements AutoCloseable {

        final String name;
        final HttpServer server;
        final List<String> paths = new ArrayList<>();

        Http(String name) throws IOException {
            this.name = name;
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
            server.setExecutor(Executors.newFixedThreadPool(4, r -> {
                Thread t = new Thread(r, "http-" + name);
                t.setDaemon(true);
                return t;
            }));
            server.createContext("/", exchange -> {
                byte[] in = exchange.getRequestBody().readAllBytes();
                synchronized (paths) {
                    paths.add(exchange.getRequestURI().toString());
                }
                StringBuilder b = new StringBuilder();
                b.append("server=").append(name).append('\n');
                b.append("method=").append(exchange.getRequestMethod()).append('\n');
                b.append("uri=").append(exchange.getRequestURI()).append('\n');
                b.append("body-bytes=").append(in.length).append('\n');
                exchange.getRequestHeaders().forEach((k, vs) -> vs.forEach(v ->
                        b.append(k.toLowerCase(java.util.Locale.ROOT)).append(": ").append(v).append('\n')));
                String path = exchange.getRequestURI().getPath();
                byte[] body;
                if (path.startsWith("/big/")) {
                    body = new byte[Integer.parseInt(path.substring(5))];
                    java.util.Arrays.fill(body, (byte) 'x');
                } else {
                    body = b.toString().getBytes(StandardCharsets.ISO_8859_1);
                }
                exchange.getResponseHeaders().add("X-Server", name);
                int status = path.startsWith("/status/") ? Integer.parseInt(path.substring(8)) : 200;
                exchange.sendResponseHeaders(status, exchange.getRequestMethod().equals("HEAD") ? -1 : body.length);
                if (!exchange.getRequestMethod().equals("HEAD")) {
                    exchange.getResponseBody().write(body);
                }
                exchange.close();
            });
            server.start();
        }

        int port() {
            return server.getAddress().getPort();
        }

        @Override
        public void close() {
            server.stop(0);
            ((ExecutorService) server.getExecutor()).shutdownNow();
        }
    }
}
