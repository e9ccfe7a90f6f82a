package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * {@code sluice} run as a separate process, as a user or a deploy script runs it, with HTTP
 * backends that answer their own name; all on 127.0.0.1, all stopped by {@link #close}.
 */
final class SluiceProcess implements AutoCloseable {

    /**
     * A configuration to format with the frontend's port, its {@code default_backend} ({@code one},
     * {@code two} or a name no backend has), and the ports of server a (in {@code one}) and server b
     * (in {@code two}); a reload that switches the default backend changes the answer from a to b.
     */
    static final String TWO_BACKENDS = """
            defaults
                mode http
                timeout connect 2s
                timeout client 10s
                timeout server 10s
            frontend www
                bind 127.0.0.1:%d
                default_backend %s
            backend one
                server a 127.0.0.1:%d
            backend two
                server b 127.0.0.1:%d
            """;

    private final Path dir;
    /** Environment variables the process gets besides this JVM's. */
    final Map<String, String> environment = new HashMap<>();
    private final List<HttpServer> backends = new ArrayList<>();
    private Process process;
    private Path log;

    SluiceProcess(Path dir) {
        this.dir = dir;
    }

    /** An HTTP server on 127.0.0.1 answering every request with {@code name} and a newline; its port. */
    int backend(String name) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        s.createContext("/", e -> {
            byte[] body = (name + "\n").getBytes(StandardCharsets.US_ASCII);
            e.sendResponseHeaders(200, body.length);
            e.getResponseBody().write(body);
            e.close();
        });
        s.start();
        backends.add(s);
        return s.getAddress().getPort();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Starts {@code sluice ARGS} in another JVM, its output (both streams) going to a log file. */
    void start(String... args) throws IOException {
        log = dir.resolve("sluice.log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        process = builder.start();
    }

    Process process() {
        return process;
    }

    /** The file the process's output goes to. */
    Path log() {
        return log;
    }

    /** Waits (at most 20 s, while the process lives) for a log line matching {@code what}; the whole log. */
    List<String> await(Predicate<String> what) throws Exception {
        for (int i = 0; i < 400 && process.isAlive(); i++) {
            List<String> lines = Files.readAllLines(log);
            if (lines.stream().anyMatch(what)) {
                return lines;
            }
            Thread.sleep(50);
        }
        // read after the process ended too, so that what it printed last is there
        return Files.readAllLines(log);
    }

    /** Waits (as {@link #await} does) for the line saying the proxy started; that line. */
    String awaitStarted() throws Exception {
        List<String> lines = await(l -> l.contains("proxy started"));
        return lines.stream().filter(l -> l.contains("proxy started")).findFirst()
                .orElseThrow(() -> new AssertionError("the proxy did not start: " + lines));
    }

    /** Sends SIGTERM and waits (at most 15 s) for the process to end; its exit code. */
    int terminate() throws InterruptedException {
        process.destroy();
        assertThat(process.waitFor(15, TimeUnit.SECONDS)).as("stopped after SIGTERM").isTrue();
        return process.exitValue();
    }

    /** Sends signal {@code name} ({@code HUP}, {@code USR2}, ...) to the process. */
    void signal(String name) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).isZero();
    }

    /** GET / on {@code port}: the body, after checking the status is 200. */
    static String get(HttpClient client, int port) throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    @Override
    public void close() {
        if (process != null) {
            process.destroyForcibly();
        }
        backends.forEach(b -> b.stop(0));
    }
}
