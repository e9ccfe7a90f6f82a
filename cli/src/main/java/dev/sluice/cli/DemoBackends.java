package dev.sluice.cli;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The small HTTP servers {@code sluice demo} proxies to, on 127.0.0.1 with ports the system
 * chooses: each answers with its own name, the request line and the client address it saw.
 */
final class DemoBackends implements AutoCloseable {

    private final List<HttpServer> servers = new ArrayList<>();
    private final ExecutorService threads = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "demo-backend");
        t.setDaemon(true);
        return t;
    });

    /** Starts a server named {@code name}; returns its port. */
    int start(String name) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.setExecutor(threads);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            String forwarded = exchange.getRequestHeaders().getFirst("X-Forwarded-For");
            String body = "Hello from " + name + ": " + exchange.getRequestMethod() + " " + exchange.getRequestURI()
                    + " (client " + (forwarded != null ? forwarded : "unknown") + ")\n";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
            if (exchange.getRequestMethod().equals("HEAD")) {
                // the length the GET would have, without the JDK server's warning about a HEAD body
                exchange.getResponseHeaders().set("Content-Length", Integer.toString(bytes.length));
                exchange.sendResponseHeaders(200, -1);
            } else {
                exchange.sendResponseHeaders(200, bytes.length);
                exchange.getResponseBody().write(bytes);
            }
            exchange.close();
        });
        server.start();
        servers.add(server);
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        servers.forEach(s -> s.stop(0));
        threads.shutdownNow();
    }
}
