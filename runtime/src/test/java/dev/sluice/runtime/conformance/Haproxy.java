package dev.sluice.runtime.conformance;

import dev.sluice.grammar.HaproxyVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * HAProxy in the foreground ({@code haproxy -db -f cfg}) on a configuration the test wrote. It is
 * stopped by {@link #close()}, by a JVM shutdown hook if a test forgets, and, where coreutils'
 * {@code timeout} exists, after {@value #MAX_LIFE_SECONDS} s even if the JVM is killed.
 */
final class Haproxy implements AutoCloseable {

    static final long MAX_LIFE_SECONDS = 300;
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();
    private static final Pattern VERSION = Pattern.compile("version (\\d+\\.\\d+(?:\\.\\d+)?)");

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly)));
    }

    private final Process process;
    private final Path log;

    private Haproxy(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * The binary to compare with: the system property {@code sluice.haproxy}, else
     * {@code haproxy} in {@code /usr/sbin}, {@code /usr/local/sbin} or on the {@code PATH}.
     */
    static Optional<Path> binary() {
        String configured = System.getProperty("sluice.haproxy");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured)).filter(Files::isExecutable);
        }
        Stream<Path> path = Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .filter(d -> !d.isBlank()).map(d -> Path.of(d, "haproxy"));
        return Stream.concat(Stream.of(Path.of("/usr/sbin/haproxy"), Path.of("/usr/local/sbin/haproxy")), path)
                .filter(Files::isExecutable).findFirst();
    }

    /** {@code haproxy -v}'s version, e.g. 2.6.12. */
    static HaproxyVersion version(Path binary) throws IOException, InterruptedException {
        String out = run(List.of(binary.toString(), "-v"), Duration.ofSeconds(10)).output();
        Matcher m = VERSION.matcher(out);
        if (!m.find()) {
            throw new IOException("cannot read the version in '" + binary + " -v': " + out);
        }
        return HaproxyVersion.parse(m.group(1));
    }

    /**
     * Checks {@code config} with {@code haproxy -c}, then starts HAProxy on it and returns once it
     * listens on every port in {@code ports}. A configuration HAProxy warns about is refused: a
     * scenario whose rule HAProxy ignores (an ACL that can never match, say) would compare nothing.
     */
    static Haproxy start(Path binary, String config, Path dir, List<Integer> ports)
            throws IOException, InterruptedException {
        Path cfg = dir.resolve("haproxy.cfg");
        Files.writeString(cfg, config, StandardCharsets.UTF_8);
        Result check = run(List.of(binary.toString(), "-c", "-f", cfg.toString()), Duration.ofSeconds(10));
        if (check.exit() != 0) {
            throw new IOException("haproxy -c refuses the configuration:\n" + check.output() + "\n" + config);
        }
        if (check.output().contains("[WARNING]")) {
            throw new IOException("haproxy -c warns about the configuration; fix the scenario:\n" + check.output()
                    + "\n" + config);
        }
        List<String> command = new ArrayList<>();
        Path timeout = Path.of("/usr/bin/timeout");
        if (Files.isExecutable(timeout)) {
            command.addAll(List.of(timeout.toString(), "-k", "5", String.valueOf(MAX_LIFE_SECONDS)));
        }
        command.addAll(List.of(binary.toString(), "-db", "-f", cfg.toString()));
        Path log = dir.resolve("haproxy.log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        RUNNING.add(p);
        Haproxy h = new Haproxy(p, log);
        try {
            Ports.awaitListening(ports, Duration.ofSeconds(10), p::isAlive, h::log);
        } catch (IOException | InterruptedException | RuntimeException e) {
            h.close();
            throw e;
        }
        return h;
    }

    /** What HAProxy printed so far. */
    String log() {
        try {
            return Files.readString(log, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        try {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            RUNNING.remove(process);
        }
    }

    private record Result(int exit, String output) {}

    private static Result run(List<String> command, Duration limit) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        try {
            if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IOException(String.join(" ", command) + " did not end within " + limit.toSeconds() + " s");
            }
            return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        } finally {
            p.destroyForcibly();
        }
    }
}
