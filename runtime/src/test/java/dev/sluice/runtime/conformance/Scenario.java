package dev.sluice.runtime.conformance;

import static org.assertj.core.api.Assertions.fail;

import dev.sluice.grammar.HaproxyVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Assumptions;

/**
 * One side-by-side comparison: a configuration template, the test servers behind it, and steps
 * (connections with their requests, servers stopped and started, pauses). {@link #run()} runs the
 * steps against HAProxy, then against Sluice, each time with fresh servers and ports, and fails
 * with a diff when Sluice's answers differ from HAProxy's after {@link Normalizer normalizing}.
 * Each run's configuration, HAProxy's log and the raw answers are kept under
 * {@code target/conformance/TITLE/}.
 */
final class Scenario {

    /** The longest pause a step may take, so a scenario stays short. */
    static final Duration MAX_PAUSE = Duration.ofSeconds(5);
    /** The most requests a scenario may send. */
    static final int MAX_REQUESTS = 200;

    private final String title;
    private ConfigTemplate config;
    private final Map<String, ServerSpec> servers = new LinkedHashMap<>();
    private final Map<String, String> files = new LinkedHashMap<>();
    private final List<Step> steps = new ArrayList<>();
    private List<String> rotation;
    private int requests;

    private Scenario(String title) {
        this.title = title;
    }

    static Scenario named(String title) {
        return new Scenario(title);
    }

    /** The configuration, with {@link ConfigTemplate} placeholders. */
    Scenario config(String template) {
        this.config = new ConfigTemplate(template);
        return this;
    }

    /** HTTP test servers, running from the start. */
    Scenario httpServers(String... names) {
        for (String n : names) {
            servers.put(n, new ServerSpec(true, true));
        }
        return this;
    }

    /** HTTP test servers that are down from the start: their port refuses connections. */
    Scenario deadServers(String... names) {
        for (String n : names) {
            servers.put(n, new ServerSpec(true, false));
        }
        return this;
    }

    /** TCP test servers (name line, then echo), running from the start. */
    Scenario tcpServers(String... names) {
        for (String n : names) {
            servers.put(n, new ServerSpec(false, true));
        }
        return this;
    }

    /** A file for {@code ${file:NAME}}. */
    Scenario file(String name, String content) {
        files.put(name, content);
        return this;
    }

    /** The requests one after another on one keep-alive connection from 127.0.0.1. */
    Scenario connection(Request... rs) {
        return add(new Step.Connection(null, "127.0.0.1", List.of(rs)));
    }

    /** The requests on one connection from {@code from}, an address of 127.0.0.0/8. */
    Scenario connectionFrom(String from, Request... rs) {
        return add(new Step.Connection(null, from, List.of(rs)));
    }

    /** The requests on one connection to the listener {@code ${port:FRONTEND}}. */
    Scenario connectionTo(String frontend, Request... rs) {
        return add(new Step.Connection(frontend, "127.0.0.1", List.of(rs)));
    }

    /** Each request on a connection of its own. */
    Scenario separateConnections(Request... rs) {
        for (Request r : rs) {
            connection(r);
        }
        return this;
    }

    /**
     * The requests on a connection of their own, without waiting for the answers: they stay in
     * flight while the next steps run, until {@link #awaitInFlight()} (or the end) collects them.
     */
    Scenario inFlight(Request... rs) {
        return add(new Step.InFlight(List.of(rs)));
    }

    /** Waits for the answers of every request in flight and records them, in the order they were sent. */
    Scenario awaitInFlight() {
        return add(new Step.Await());
    }

    /** A TCP connection that reads the server's name, sends {@code payload} and reads the echo. */
    Scenario tcp(byte[] payload) {
        return add(new Step.Tcp(null, "127.0.0.1", payload.clone()));
    }

    /**
     * A TCP connection to {@code ${port:FRONTEND}} whose client speaks first, for content rules
     * that inspect it: sends {@code chunks} with {@code gap} between them, ends its side at once
     * when {@code endFirst} (else once the server's name arrives), then reads to the end. The
     * observation notes whether the server's name came before or after {@code soon}: the proxy
     * decided at once, or waited (for the inspect delay).
     */
    Scenario clientFirst(String frontend, List<byte[]> chunks, Duration gap, boolean endFirst, Duration soon) {
        return add(new Step.ClientFirst(frontend, List.copyOf(chunks), gap, endFirst, soon));
    }

    /**
     * A websocket {@code handshake} on a connection of its own and, when it is answered with 101,
     * {@code payload} through the tunnel and back (see {@link RawClient#upgrade}).
     */
    Scenario upgrade(Request handshake, byte[] payload) {
        return add(new Step.Upgrade(handshake, payload.clone()));
    }

    Scenario stop(String... names) {
        return add(new Step.Stop(List.of(names)));
    }

    Scenario start(String... names) {
        return add(new Step.Start(List.of(names)));
    }

    /** Waits, e.g. for health checks to see a change; at most {@link #MAX_PAUSE}. */
    Scenario pause(Duration d) {
        if (d.compareTo(MAX_PAUSE) > 0) {
            throw new IllegalArgumentException("a pause is at most " + MAX_PAUSE);
        }
        return add(new Step.Pause(d));
    }

    /**
     * Compares chosen servers up to a rotation of {@code order}: HAProxy's round robin need not
     * start at the first server, and where Sluice starts elsewhere but keeps the same cycle, the
     * comparison renames Sluice's servers by the offset and reports it rather than failing.
     */
    Scenario roundRobinOver(String... order) {
        this.rotation = List.of(order);
        return this;
    }

    private Scenario add(Step s) {
        if (s instanceof Step.Connection c) {
            requests += c.requests().size();
        } else if (s instanceof Step.InFlight f) {
            requests += f.requests().size();
        } else if (s instanceof Step.Tcp || s instanceof Step.Upgrade || s instanceof Step.ClientFirst) {
            requests++;
        }
        if (requests > MAX_REQUESTS) {
            throw new IllegalArgumentException("a scenario sends at most " + MAX_REQUESTS + " requests");
        }
        steps.add(s);
        return this;
    }

    /** Runs the steps on both proxies and compares; skipped, saying so, when HAProxy is not installed. */
    void run() throws Exception {
        Optional<Path> haproxy = Haproxy.binary();
        Assumptions.assumeTrue(haproxy.isPresent(), "HAProxy is not installed (looked for -Dsluice.haproxy,"
                + " /usr/sbin/haproxy, /usr/local/sbin/haproxy and the PATH): side-by-side scenario '" + title
                + "' skipped");
        HaproxyVersion version = Haproxy.version(haproxy.get());
        Path dir = Path.of("target", "conformance", slug(title)).toAbsolutePath();
        Run reference = runOn(dir.resolve("haproxy"), (cfg, d, ports) ->
                new Started(Haproxy.start(haproxy.get(), cfg, d, ports), List.of()));
        Run sluice = runOn(dir.resolve("sluice"), (cfg, d, ports) -> {
            Sluice s = Sluice.start(cfg, version, d, ports);
            return new Started(s, s.unenforced());
        });
        compare("HAProxy " + version.major() + "." + version.minor() + "." + version.patch(), reference, sluice, dir);
    }

    /** The answers of one proxy and what it said. */
    private record Run(List<Observation> observations, List<String> unenforced) {}

    private record Started(AutoCloseable proxy, List<String> unenforced) {}

    /** A test server: HTTP or TCP, running from the start or not. */
    private record ServerSpec(boolean http, boolean up) {}

    @FunctionalInterface
    private interface Starter {
        Started start(String config, Path dir, List<Integer> ports) throws Exception;
    }

    private Run runOn(Path dir, Starter starter) throws Exception {
        Files.createDirectories(dir);
        Map<String, Integer> ports = new HashMap<>();
        for (String name : config.names("port")) {
            ports.put(name, Ports.free());
        }
        Map<String, String> paths = new HashMap<>();
        for (var f : files.entrySet()) {
            Path p = dir.resolve(f.getKey() + ".file");
            Files.writeString(p, f.getValue(), StandardCharsets.ISO_8859_1);
            paths.put(f.getKey(), p.toString());
        }
        List<Observation> seen = new ArrayList<>();
        try (TestServer.Group group = new TestServer.Group()) {
            for (var s : servers.entrySet()) {
                int port = Ports.free();
                TestServer server = s.getValue().http() ? new TestServer.Http(s.getKey(), port)
                        : new TestServer.Tcp(s.getKey(), port);
                group.add(server);
                if (s.getValue().up()) {
                    server.start();
                }
            }
            String text = config.fill(ports::get, n -> group.get(n).port(), n -> {
                String p = paths.get(n);
                if (p == null) {
                    throw new IllegalArgumentException("no file named " + n);
                }
                return p;
            });
            Files.writeString(dir.resolve("config.cfg"), text, StandardCharsets.UTF_8);
            Started started = starter.start(text, dir, List.copyOf(ports.values()));
            ExecutorService background = Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "conformance-in-flight");
                t.setDaemon(true);
                return t;
            });
            List<Future<List<Observation>>> inFlight = new ArrayList<>();
            try {
                Map<String, String> jar = new LinkedHashMap<>();
                int connection = 0;
                for (Step step : steps) {
                    if (step instanceof Step.Connection c) {
                        connection++;
                        String label = "conn " + connection + (c.from().equals("127.0.0.1") ? "" : " from " + c.from())
                                + ": ";
                        seen.addAll(RawClient.conversation(port(ports, c.frontend()), c.from(), label, c.requests(),
                                jar));
                    } else if (step instanceof Step.InFlight f) {
                        connection++;
                        String label = "conn " + connection + " (in flight): ";
                        int port = port(ports, null);
                        Map<String, String> cookies = Map.copyOf(jar);
                        inFlight.add(background.submit(() -> RawClient.conversation(port, "127.0.0.1", label,
                                f.requests(), new HashMap<>(cookies))));
                    } else if (step instanceof Step.Await) {
                        collect(inFlight, seen);
                    } else if (step instanceof Step.Tcp t) {
                        connection++;
                        seen.add(RawClient.tcp(port(ports, t.frontend()), t.from(),
                                "conn " + connection + ": tcp, " + t.payload().length + " bytes", t.payload()));
                    } else if (step instanceof Step.ClientFirst t) {
                        connection++;
                        seen.add(RawClient.clientFirst(port(ports, t.frontend()),
                                "conn " + connection + ": tcp, client first", t.chunks(), t.gap(), t.endFirst(),
                                t.soon()));
                    } else if (step instanceof Step.Upgrade u) {
                        connection++;
                        seen.addAll(RawClient.upgrade(port(ports, null), "conn " + connection + ": ", u.handshake(),
                                u.payload()));
                    } else if (step instanceof Step.Stop s) {
                        s.servers().forEach(n -> group.get(n).stop());
                    } else if (step instanceof Step.Start s) {
                        for (String n : s.servers()) {
                            group.get(n).start();
                        }
                    } else if (step instanceof Step.Pause s) {
                        Thread.sleep(s.duration().toMillis());
                    }
                }
                collect(inFlight, seen);
            } finally {
                background.shutdownNow();
                started.proxy().close();
            }
            writeRaw(dir.resolve("answers.txt"), seen);
            return new Run(seen, started.unenforced());
        }
    }

    private static void collect(List<Future<List<Observation>>> inFlight, List<Observation> seen)
            throws InterruptedException, ExecutionException, TimeoutException {
        for (Future<List<Observation>> f : inFlight) {
            seen.addAll(f.get(2L * RawClient.TIMEOUT_MS, TimeUnit.MILLISECONDS));
        }
        inFlight.clear();
    }

    private int port(Map<String, Integer> ports, String frontend) {
        if (frontend != null) {
            Integer p = ports.get(frontend);
            if (p == null) {
                throw new IllegalArgumentException("no ${port:" + frontend + "} in the configuration");
            }
            return p;
        }
        if (ports.size() != 1) {
            throw new IllegalArgumentException("name the listener: the configuration has " + ports.keySet());
        }
        return ports.values().iterator().next();
    }

    private void compare(String reference, Run expected, Run actual, Path dir) {
        Comparison c = Comparison.of(expected.observations(), actual.observations(), rotation);
        c.rotationOffset().ifPresent(k -> System.out.println("[conformance] " + title + ": " + c.rotationNote(reference)));
        if (c.differences().isEmpty()) {
            return;
        }
        StringBuilder m = new StringBuilder();
        m.append("Sluice answers differently from ").append(reference).append(": ").append(title).append('\n');
        m.append("(- ").append(reference).append(", + Sluice; only differing requests shown)\n");
        c.differences().forEach(l -> m.append(l).append('\n'));
        c.rotationOffset().ifPresent(k -> m.append("note: ").append(c.rotationNote(reference)).append('\n'));
        if (!actual.unenforced().isEmpty()) {
            m.append("Sluice does not act on: ").append(String.join("; ", actual.unenforced())).append('\n');
        }
        m.append("normalized before comparing:\n");
        Normalizer.RULES.forEach(r -> m.append("  - ").append(r).append('\n'));
        m.append("configurations, raw answers and HAProxy's log: ").append(dir).append('\n');
        m.append("configuration:\n").append(config.text());
        fail(m.toString());
    }

    private static void writeRaw(Path file, List<Observation> seen) throws IOException {
        StringBuilder b = new StringBuilder();
        int i = 1;
        for (Observation o : seen) {
            b.append('[').append(i++).append("] ").append(o.label()).append('\n');
            if (o.error() != null) {
                b.append("  error: ").append(o.error()).append('\n');
            }
            if (o.status() != 0) {
                b.append("  status ").append(o.version()).append(' ').append(o.status()).append('\n');
            }
            o.headers().forEach(h -> b.append("  ").append(h).append('\n'));
            if (o.sent() == null || !Arrays.equals(o.sent(), o.body())) {
                b.append("  body:\n").append(new String(o.body(), StandardCharsets.ISO_8859_1).indent(4));
            }
        }
        Files.writeString(file, b.toString(), StandardCharsets.ISO_8859_1);
    }

    private static String slug(String title) {
        return title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }

    /** What a scenario does, in order. */
    private sealed interface Step {

        record Connection(String frontend, String from, List<Request> requests) implements Step {}

        record InFlight(List<Request> requests) implements Step {}

        record Await() implements Step {}

        record Tcp(String frontend, String from, byte[] payload) implements Step {}

        record ClientFirst(String frontend, List<byte[]> chunks, Duration gap, boolean endFirst, Duration soon)
                implements Step {}

        record Upgrade(Request handshake, byte[] payload) implements Step {}

        record Stop(List<String> servers) implements Step {}

        record Start(List<String> servers) implements Step {}

        record Pause(Duration duration) implements Step {}
    }
}
