package dev.sluice.runtime.conformance;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A named server behind both proxies, on 127.0.0.1. It can be stopped (the listener and every open
 * connection close, as when a server dies) and started again on the same port. At most
 * {@value #MAX_CONNECTIONS} connections at once; each ends after {@value #IDLE_MS} ms of silence.
 */
abstract sealed class TestServer implements AutoCloseable {

    static final int MAX_CONNECTIONS = 64;
    static final int IDLE_MS = 10_000;

    final String name;
    private final int port;
    private final ExecutorService threads;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final Semaphore slots = new Semaphore(MAX_CONNECTIONS);
    private volatile ServerSocket listener;

    TestServer(String name, int port) {
        this.name = name;
        this.port = port;
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "conformance-" + name);
            t.setDaemon(true);
            return t;
        });
    }

    int port() {
        return port;
    }

    boolean running() {
        ServerSocket l = listener;
        return l != null && !l.isClosed();
    }

    /** Listens on the server's port (again). */
    synchronized void start() throws IOException {
        if (running()) {
            return;
        }
        ServerSocket l = new ServerSocket();
        l.setReuseAddress(true);
        l.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        listener = l;
        threads.execute(() -> accept(l));
    }

    /** Closes the listener and every open connection: connections are refused until {@link #start()}. */
    synchronized void stop() {
        ServerSocket l = listener;
        listener = null;
        if (l != null) {
            try {
                l.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        for (Socket s : connections) {
            try {
                s.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }

    @Override
    public void close() {
        stop();
        threads.shutdownNow();
    }

    private void accept(ServerSocket l) {
        while (!l.isClosed()) {
            Socket s;
            try {
                s = l.accept();
            } catch (IOException e) {
                return;
            }
            if (!slots.tryAcquire()) {
                closeQuietly(s);
                continue;
            }
            connections.add(s);
            threads.execute(() -> {
                try (s) {
                    s.setSoTimeout(IDLE_MS);
                    serve(s);
                } catch (IOException e) {
                    // the peer went away or the server was stopped
                } finally {
                    connections.remove(s);
                    slots.release();
                }
            });
        }
    }

    abstract void serve(Socket s) throws IOException;

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // nothing to do
        }
    }

    /**
     * An HTTP/1.1 server that answers every request with 200, an {@code X-Server} header naming
     * itself, and a body that echoes what it received, one item a line:
     * <pre>
     * server a
     * request GET /path HTTP/1.1
     * header Host: conformance.test     (as received: order, case and repeats kept)
     * body-bytes 0
     * </pre>
     * A request with {@code Connection: close}, or HTTP/1.0 without {@code keep-alive}, ends the
     * connection after its response. A path {@code /sleep/N} waits N ms (at most
     * {@value #MAX_SLEEP_MS}) before answering, to keep a request in flight. Other paths ask for
     * another answer: {@code /status/N} (204 and 304 without a body), {@code /chunked} (the body
     * in two chunks), {@code /unframed} (no length: the body ends with the connection),
     * {@code /bad-response} (a broken status line, then the close), {@code /no-response} (the close
     * alone).
     *
     * <p>A request to switch protocols ({@code Connection: upgrade}, {@code Upgrade: P}) is
     * answered with 101, {@code Upgrade: P} and the {@code X-Server} header; for a websocket, with
     * the {@code Sec-WebSocket-Accept} the request's key calls for too (a wrong one for a path
     * that starts with {@code /bad-accept}, none for {@code /no-accept}). Then the echo above goes
     * down the tunnel, {@code body-bytes} its last line, and every byte the client sends after it
     * comes back until the client shuts its side.
     */
    static final class Http extends TestServer {

        static final int MAX_SLEEP_MS = 3_000;
        /** RFC 6455's GUID, appended to the key before hashing it into the accept value. */
        private static final String WEBSOCKET_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
        private static final Pattern SLEEP = Pattern.compile("^/sleep/(\\d{1,5})");
        private static final Pattern STATUS = Pattern.compile("^/status/([1-5]\\d\\d)");

        Http(String name, int port) {
            super(name, port);
        }

        @Override
        void serve(Socket s) throws IOException {
            InputStream in = new BufferedInputStream(s.getInputStream());
            OutputStream out = s.getOutputStream();
            while (true) {
                String requestLine = HttpWire.readLine(in);
                while (requestLine != null && requestLine.isEmpty()) {
                    requestLine = HttpWire.readLine(in);
                }
                if (requestLine == null) {
                    return;
                }
                List<Header> headers = HttpWire.readHeaders(in);
                byte[] body = HttpWire.readRequestBody(in, headers);
                String[] parts = requestLine.split(" ", 3);
                String method = parts[0];
                String version = parts.length == 3 ? parts[2] : "HTTP/1.0";
                String connection = Header.first(headers, "connection").orElse("").toLowerCase(Locale.ROOT);
                boolean close = connection.contains("close")
                        || (version.equals("HTTP/1.0") && !connection.contains("keep-alive"));

                String target = parts.length > 1 ? parts[1] : "";
                sleepIfAsked(target);
                byte[] content = echo(requestLine, headers, body.length);
                Optional<String> upgrade = Header.first(headers, "upgrade");
                if (connection.contains("upgrade") && upgrade.isPresent()) {
                    tunnel(in, out, upgrade.get().trim(), headers, target, content);
                    return;
                }

                if (target.startsWith("/no-response")) {
                    return;
                }
                if (target.startsWith("/bad-response")) {
                    out.write("HTTP/1.1 abc Broken\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    return;
                }
                Matcher asked = STATUS.matcher(target);
                int status = asked.find() ? Integer.parseInt(asked.group(1)) : 200;
                boolean bodiless = status == 204 || status == 304;
                boolean chunked = !bodiless && target.startsWith("/chunked");
                boolean unframed = !bodiless && target.startsWith("/unframed");
                close |= unframed;
                StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(' ')
                        .append(reason(status)).append("\r\n");
                head.append("Server: conformance-backend\r\n");
                head.append("X-Server: ").append(name).append("\r\n");
                if (!bodiless) {
                    head.append("Content-Type: text/plain\r\n");
                    if (chunked) {
                        head.append("Transfer-Encoding: chunked\r\n");
                    } else if (!unframed) {
                        head.append("Content-Length: ").append(content.length).append("\r\n");
                    }
                }
                if (close) {
                    head.append("Connection: close\r\n");
                } else if (version.equals("HTTP/1.0")) {
                    head.append("Connection: keep-alive\r\n");
                }
                head.append("\r\n");
                ByteArrayOutputStream response = new ByteArrayOutputStream();
                response.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
                if (!method.equals("HEAD") && !bodiless) {
                    response.writeBytes(chunked ? chunks(content) : content);
                }
                out.write(response.toByteArray());
                out.flush();
                if (close) {
                    return;
                }
            }
        }

        /** {@code content} in two chunks, then the last one. */
        private static byte[] chunks(byte[] content) {
            int half = content.length / 2;
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            for (int[] part : new int[][] {{0, half}, {half, content.length}}) {
                b.writeBytes((Integer.toHexString(part[1] - part[0]) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                b.write(content, part[0], part[1] - part[0]);
                b.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            }
            b.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            return b.toByteArray();
        }

        private static String reason(int status) {
            return switch (status) {
                case 200 -> "OK";
                case 204 -> "No Content";
                case 304 -> "Not Modified";
                case 404 -> "Not Found";
                case 500 -> "Internal Server Error";
                case 503 -> "Service Unavailable";
                default -> "Status " + status;
            };
        }

        private byte[] echo(String requestLine, List<Header> headers, int bodyBytes) {
            StringBuilder echo = new StringBuilder();
            echo.append("server ").append(name).append('\n');
            echo.append("request ").append(requestLine).append('\n');
            for (Header h : headers) {
                echo.append("header ").append(h.name()).append(": ").append(h.value()).append('\n');
            }
            echo.append("body-bytes ").append(bodyBytes).append('\n');
            return echo.toString().getBytes(StandardCharsets.ISO_8859_1);
        }

        /** Switches protocols: 101, the echo of the handshake, then every byte back. */
        private void tunnel(InputStream in, OutputStream out, String protocol, List<Header> headers, String target,
                byte[] echo) throws IOException {
            String key = Header.first(headers, "sec-websocket-key").orElse("").trim();
            String accept = target.startsWith("/bad-accept") ? "bm90IHRoZSByaWdodCB2YWx1ZQ==" : accept(key);
            boolean websocket = protocol.equalsIgnoreCase("websocket");
            String head = "HTTP/1.1 101 Switching Protocols\r\n"
                    + "Upgrade: " + protocol + "\r\n"
                    + "Connection: Upgrade\r\n"
                    + (!websocket || target.startsWith("/no-accept") ? "" : "Sec-WebSocket-Accept: " + accept + "\r\n")
                    + "X-Server: " + name + "\r\n"
                    + "\r\n";
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.write(echo);
            out.flush();
            in.transferTo(out);
            out.flush();
        }

        private static String accept(String key) {
            try {
                byte[] sha1 = MessageDigest.getInstance("SHA-1")
                        .digest((key + WEBSOCKET_GUID).getBytes(StandardCharsets.ISO_8859_1));
                return Base64.getEncoder().encodeToString(sha1);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JDK has SHA-1", e);
            }
        }

        private static void sleepIfAsked(String target) throws IOException {
            Matcher m = SLEEP.matcher(target);
            if (m.find()) {
                try {
                    Thread.sleep(Math.min(Integer.parseInt(m.group(1)), MAX_SLEEP_MS));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("stopped while sleeping", e);
                }
            }
        }
    }

    /** A TCP server that sends its name and a newline, then echoes what it reads until the client shuts. */
    static final class Tcp extends TestServer {

        Tcp(String name, int port) {
            super(name, port);
        }

        @Override
        void serve(Socket s) throws IOException {
            OutputStream out = s.getOutputStream();
            out.write((name + "\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
                out.flush();
            }
            s.shutdownOutput();
        }
    }

    /** The servers of one run, by name. */
    static final class Group implements AutoCloseable {

        private final List<TestServer> servers = new ArrayList<>();

        void add(TestServer s) {
            servers.add(s);
        }

        TestServer get(String name) {
            return servers.stream().filter(s -> s.name.equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no test server named " + name));
        }

        List<TestServer> all() {
            return List.copyOf(servers);
        }

        @Override
        public void close() {
            servers.forEach(TestServer::close);
        }
    }
}
