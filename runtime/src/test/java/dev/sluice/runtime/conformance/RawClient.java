package dev.sluice.runtime.conformance;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Sends requests as bytes over one connection, one at a time (no pipelining), and records the
 * answers as received. Every connect and read is bounded by {@value #TIMEOUT_MS} ms.
 */
final class RawClient {

    static final int TIMEOUT_MS = 5_000;

    private RawClient() {
    }

    /**
     * One connection from {@code from} (an address of 127.0.0.0/8) to {@code port}: each request
     * in turn, reading its answer before sending the next. Once the connection fails, the requests
     * left get no answer. Cookies the answers set go into {@code jar}.
     */
    static List<Observation> conversation(int port, String from, String label, List<Request> requests,
            Map<String, String> jar) {
        List<Observation> out = new ArrayList<>();
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), TIMEOUT_MS);
            s.setSoTimeout(TIMEOUT_MS);
            InputStream in = new BufferedInputStream(s.getInputStream());
            OutputStream toProxy = s.getOutputStream();
            String failed = null;
            for (Request r : requests) {
                String l = label + r.label();
                if (failed != null) {
                    out.add(Observation.noAnswer(l, failed, r.check()));
                    continue;
                }
                try {
                    toProxy.write(r.bytes(jar));
                    toProxy.flush();
                    Observation o = read(in, r, l);
                    out.add(o);
                    remember(o.headers(), jar);
                } catch (IOException | RuntimeException e) {
                    failed = "the connection failed: " + e;
                    out.add(Observation.noAnswer(l, failed, r.check()));
                }
            }
        } catch (IOException e) {
            for (int i = out.size(); i < requests.size(); i++) {
                out.add(Observation.noAnswer(label + requests.get(i).label(), "cannot connect: " + e,
                        requests.get(i).check()));
            }
        }
        return out;
    }

    /**
     * A TCP exchange: reads the server's name line, sends {@code payload}, shuts the output and
     * reads to the end.
     */
    static Observation tcp(int port, String from, String label, byte[] payload) {
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), TIMEOUT_MS);
            s.setSoTimeout(TIMEOUT_MS);
            InputStream in = new BufferedInputStream(s.getInputStream());
            String name = HttpWire.readLine(in);
            if (name == null) {
                return new Observation(label, "", 0, List.of(), new byte[0], "closed before the server's name",
                        Request.Check.FULL, payload);
            }
            s.getOutputStream().write(payload);
            s.getOutputStream().flush();
            s.shutdownOutput();
            byte[] back = in.readNBytes(HttpWire.MAX_BODY);
            return new Observation(label, "", 0, List.of(new Header("X-Server", name)), back, null, Request.Check.FULL,
                    payload);
        } catch (IOException e) {
            return new Observation(label, "", 0, List.of(), new byte[0], e.toString(), Request.Check.FULL, payload);
        }
    }

    /**
     * A TCP exchange where the client speaks first (see {@link Scenario#clientFirst}): the answer's
     * {@code X-Server} is the server's name line, {@code X-Decided} says whether it came before
     * {@code soon} ({@code at once}) or after ({@code after waiting}), and the body is the echo.
     */
    static Observation clientFirst(int port, String label, List<byte[]> chunks, Duration gap,
            boolean endFirst, Duration soon) {
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        chunks.forEach(sent::writeBytes);
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), TIMEOUT_MS);
            s.setSoTimeout(TIMEOUT_MS);
            long start = System.nanoTime();
            InputStream in = new BufferedInputStream(s.getInputStream());
            for (int i = 0; i < chunks.size(); i++) {
                if (i > 0) {
                    Thread.sleep(gap.toMillis());
                }
                s.getOutputStream().write(chunks.get(i));
                s.getOutputStream().flush();
            }
            if (endFirst) {
                s.shutdownOutput();
            }
            String name = HttpWire.readLine(in);
            String decided = System.nanoTime() - start < soon.toNanos() ? "at once" : "after waiting";
            if (name == null) {
                return new Observation(label, "", 0, List.of(new Header("X-Decided", decided)), new byte[0],
                        "closed before the server's name", Request.Check.FULL, sent.toByteArray());
            }
            if (!endFirst) {
                s.shutdownOutput();
            }
            byte[] back = in.readNBytes(HttpWire.MAX_BODY);
            return new Observation(label, "", 0, List.of(new Header("X-Server", name), new Header("X-Decided", decided)),
                    back, null, Request.Check.FULL, sent.toByteArray());
        } catch (IOException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return new Observation(label, "", 0, List.of(), new byte[0], e.toString(), Request.Check.FULL,
                    sent.toByteArray());
        }
    }

    /**
     * A websocket handshake, {@code handshake}, then, when the answer is 101, a tunnel exchange:
     * reads the test server's echo of the handshake (to its {@code body-bytes} line), sends
     * {@code payload}, shuts the output and reads to the end. Two observations: the handshake's
     * answer, with the echo as its body, and the tunnel's, labelled {@code tunnel} (no answer
     * when there was no 101).
     */
    static List<Observation> upgrade(int port, String label, Request handshake, byte[] payload) {
        String tunnelLabel = label + "tunnel, " + payload.length + " bytes";
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), TIMEOUT_MS);
            s.setSoTimeout(TIMEOUT_MS);
            InputStream in = new BufferedInputStream(s.getInputStream());
            s.getOutputStream().write(handshake.bytes(Map.of()));
            s.getOutputStream().flush();
            Observation answer = readHead(in, handshake, label + handshake.label());
            if (answer.status() != 101) {
                if (answer.status() != 0) {
                    answer = withBody(answer, HttpWire.readResponseBody(in, answer.status(), false, answer.headers()));
                }
                return List.of(answer, noTunnel(tunnelLabel, "no 101: " + answer.status(), payload));
            }
            StringBuilder echo = new StringBuilder();
            String line;
            do {
                line = HttpWire.readLine(in);
                if (line == null) {
                    return List.of(answer, noTunnel(tunnelLabel, "the tunnel closed before the server's echo",
                            payload));
                }
                echo.append(line).append('\n');
            } while (!line.startsWith("body-bytes "));
            answer = withBody(answer, echo.toString().getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().write(payload);
            s.getOutputStream().flush();
            s.shutdownOutput();
            byte[] back = in.readNBytes(HttpWire.MAX_BODY);
            List<Header> server = answer.server().map(n -> List.of(new Header("X-Server", n))).orElse(List.of());
            return List.of(answer, new Observation(tunnelLabel, "", 0, server, back, null, Request.Check.FULL,
                    payload));
        } catch (IOException | RuntimeException e) {
            return List.of(Observation.noAnswer(label + handshake.label(), "the connection failed: " + e,
                    handshake.check()), noTunnel(tunnelLabel, "the connection failed: " + e, payload));
        }
    }

    private static Observation noTunnel(String label, String why, byte[] payload) {
        return new Observation(label, "", 0, List.of(), new byte[0], why, Request.Check.FULL, payload);
    }

    private static Observation withBody(Observation o, byte[] body) {
        return new Observation(o.label(), o.version(), o.status(), o.headers(), body, o.error(), o.check(), o.sent());
    }

    /** A final answer's status line and headers (skipping 100s), without its body. */
    private static Observation readHead(InputStream in, Request r, String label) throws IOException {
        while (true) {
            String statusLine = HttpWire.readLine(in);
            if (statusLine == null) {
                return Observation.noAnswer(label, "the proxy closed the connection", r.check());
            }
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
                throw new IOException("not a status line: " + statusLine);
            }
            int status = Integer.parseInt(parts[1]);
            List<Header> headers = HttpWire.readHeaders(in);
            if (status != 100) {
                return new Observation(label, parts[0], status, headers, new byte[0], null, r.check(), null);
            }
        }
    }

    private static Observation read(InputStream in, Request r, String label) throws IOException {
        Observation head = readHead(in, r, label);
        if (head.status() == 0) {
            return head;
        }
        return withBody(head, HttpWire.readResponseBody(in, head.status(), r.isHead(), head.headers()));
    }

    /** Keeps {@code name=value} of every {@code Set-Cookie}. */
    private static void remember(List<Header> headers, Map<String, String> jar) {
        for (Header h : headers) {
            if (h.is("set-cookie")) {
                String pair = h.value().split(";", 2)[0];
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    jar.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
                }
            }
        }
    }
}
