package dev.sluice.cli;

import dev.sluice.grammar.HaproxyVersion;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sluice demo}: the proxy at work on {@code samples/quickstart.cfg}, with its three servers
 * started in the same process; prints the requests to try and runs until Ctrl-C ({@code --once}:
 * sends them itself, prints the answers and stops).
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run the proxy on samples/quickstart.cfg with built-in demo servers, until Ctrl-C.",
            "It prints curl commands to try: round robin over two web servers, an API chosen by an ACL."})
final class DemoCommand implements Callable<Integer> {

    /** The port the demo listens on when it is free. */
    static final int DEFAULT_PORT = 8080;

    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE",
            description = "The configuration to run (default: samples/quickstart.cfg of the Sluice checkout).")
    Path config;

    @Option(names = "--port", paramLabel = "PORT",
            description = "The proxy's port (default: 8080, or a free one when 8080 is taken).")
    Integer port;

    @Option(names = "--once", description = "Send the sample requests, print the answers, and stop.")
    boolean once;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path cfg = config != null ? config : quickstart();
        if (cfg == null || !Files.isRegularFile(cfg)) {
            err.println("sluice demo: samples/quickstart.cfg not found; give a configuration with --config FILE");
            return ExitCodes.USAGE;
        }
        int listen = port != null ? port : isFree(DEFAULT_PORT) ? DEFAULT_PORT : freePort();
        try (DemoBackends servers = new DemoBackends()) {
            Map<String, String> env = Map.of(
                    "SLUICE_DEMO_PORT", Integer.toString(listen),
                    "SLUICE_DEMO_WEB1", Integer.toString(servers.start("web1")),
                    "SLUICE_DEMO_WEB2", Integer.toString(servers.start("web2")),
                    "SLUICE_DEMO_API", Integer.toString(servers.start("api1")));
            Runner.Options options = new Runner.Options(List.of(cfg.toString()), null, null, HaproxyVersion.DEFAULT,
                    0, env);
            Object started = Runner.start(options, err);
            if (started instanceof Integer code) {
                return code;
            }
            Runner.Started proxy = (Runner.Started) started;
            String base = "http://127.0.0.1:" + listen;
            out.printf("%nSluice is proxying on %s with %s; three demo servers answer behind it.%n", base, cfg);
            out.println("Try:");
            out.printf("  curl -i %s/            # round robin: web1, then web2, then web1...%n", base);
            out.printf("  curl -i %s/api/users   # an ACL (path_beg /api) routes this to api1%n", base);
            out.printf("  curl -i %s/healthz     # answered by the proxy itself (http-request return)%n", base);
            if (once) {
                int failures = 0;
                HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
                for (String path : List.of("/", "/", "/api/users", "/healthz")) {
                    try {
                        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + path))
                                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                        out.printf("GET %-10s -> %d %s (X-Served-By: %s)%n", path, r.statusCode(), r.body().strip(),
                                r.headers().firstValue("x-served-by").orElse("-"));
                        failures += r.statusCode() == 200 ? 0 : 1;
                    } catch (IOException | InterruptedException e) {
                        out.printf("GET %-10s -> failed: %s%n", path, e.getMessage());
                        failures++;
                    }
                }
                out.flush();
                proxy.stop(Duration.ofSeconds(2));
                return failures == 0 ? ExitCodes.OK : ExitCodes.FAILURE;
            }
            return Runner.serveUntilSignal(proxy, options, err, () -> {
                out.println("Press Ctrl-C to stop.");
                out.flush();
            });
        }
    }

    private static boolean isFree(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** {@code samples/quickstart.cfg} of the Sluice checkout the command runs from. */
    private static Path quickstart() {
        String home = System.getProperty("sluice.home");
        Path base = home != null ? Path.of(home) : Path.of("").toAbsolutePath();
        for (Path p = base; p != null; p = p.getParent()) {
            Path candidate = p.resolve("samples").resolve("quickstart.cfg");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
