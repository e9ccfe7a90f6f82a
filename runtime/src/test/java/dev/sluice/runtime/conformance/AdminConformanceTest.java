package dev.sluice.runtime.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.grammar.HaproxyVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The runtime API beside the installed HAProxy's stats socket: the same commands, in the same
 * order, on the same configuration, give the same answers, byte for byte (the {@code show stat}
 * header, the errors, the help lines, {@code show servers state} but for the proxy ids and the
 * time since the last change), and the connection limits HAProxy derives without a global
 * {@code maxconn} ({@code show info}'s {@code Maxconn}, the proxies' {@code slim}). Skipped when
 * HAProxy is not installed.
 */
@Timeout(120)
class AdminConformanceTest {

    private static final String CONFIG = """
            global
                stats socket 127.0.0.1:%d level admin
                stats socket 127.0.0.1:%d level operator
            defaults
                mode http
                timeout connect 5s
                timeout client 30s
                timeout server 30s
            frontend www
                bind 127.0.0.1:%d
                default_backend web
            backend web
                server w1 127.0.0.1:19981
                server w2 127.0.0.1:19982 weight 50
                server w3 127.0.0.1:19983 disabled
            backend st
                balance static-rr
                server s1 127.0.0.1:19984
            """;

    /** Commands on the admin socket, in order: several change the servers, so each sees the same state on both. */
    private static final List<String> ADMIN_COMMANDS = List.of(
            "show backend",
            "show backend;get weight web/w1",
            "get weight web/w2", "get weight web/w9", "get weight nope/x", "get weight", "get weight web",
            "set weight web/w2 300", "set weight web/w2", "set server web/w2 weight -1%",
            "set server web/w2 weight 50%", "get weight web/w2", "set server web/w2 weight 1000%", "get weight web/w2",
            "set weight web/w2 20", "get weight web/w2",
            "set weight st/s1 10", "set weight st/s1 0%", "get weight st/s1", "set weight st/s1 100%",
            "get weight st/s1",
            "set server web/w2 state foo", "set server web/w2 state", "set server web/w9 state drain",
            "set server web state drain", "set server", "set server nope/w1 state ready",
            "disable server web/w2", "disable server web", "disable server", "enable server web/w2",
            "set server web/w2 state drain", "set server web/w1 state maint", "set server web/w1 state ready",
            "set server web/w2 addr", "set server web/w2 addr foo.example",
            "set server web/w2 addr 127.0.0.2 port 8080", "set server web/w2 addr 127.0.0.2 port abc",
            "set server web/w2 addr ::1", "set server web/w2 addr 127.0.0.1 port 19982",
            "set server web/w2 addr 127.0.0.1 port 19982",
            "show servers state nope",
            "show table", "show table foo", "clear table foo", "clear table",
            "help show backend", "help get weight", "help show servers state", "help show version",
            "help show cli level", "help clear table", "help show table",
            "show cli level", "operator;show cli level;set weight web/w1 1");

    private static final List<String> OPERATOR_COMMANDS = List.of("show cli level", "disable server web/w2",
            "enable server web/w2", "set server web/w2 state drain", "set server web/w2 addr 127.0.0.1",
            "set weight web/w2 1", "get weight web/w2", "user", "operator", "show backend");

    @Test
    void theRuntimeApiAnswersAsHaproxysStatsSocket() throws Exception {
        Optional<Path> binary = Haproxy.binary();
        Assumptions.assumeTrue(binary.isPresent(), "HAProxy is not installed (looked for -Dsluice.haproxy, "
                + "/usr/sbin/haproxy, /usr/local/sbin/haproxy and the PATH): runtime API comparison skipped");
        HaproxyVersion version = Haproxy.version(binary.get());
        Assumptions.assumeTrue(version.major() == 2 && version.minor() == 6,
                "the runtime API follows HAProxy 2.6's answers; the installed HAProxy is " + version);
        Path dir = Path.of("target", "conformance", "runtime-api").toAbsolutePath();
        Files.createDirectories(dir);

        int hAdmin = Ports.free();
        int hOperator = Ports.free();
        int hWeb = Ports.free();
        int sAdmin = Ports.free();
        int sOperator = Ports.free();
        int sWeb = Ports.free();
        try (Haproxy haproxy = Haproxy.start(binary.get(), CONFIG.formatted(hAdmin, hOperator, hWeb), dir,
                List.of(hAdmin, hOperator, hWeb));
                Sluice sluice = Sluice.start(CONFIG.formatted(sAdmin, sOperator, sWeb), version, dir,
                        List.of(sAdmin, sOperator, sWeb))) {
            assertThat(cli(sAdmin, "show stat").lines().findFirst())
                    .isEqualTo(cli(hAdmin, "show stat").lines().findFirst());
            // no global maxconn: both derive it from the descriptor limit this JVM passes on
            assertThat(limits(cli(sAdmin, "show info"))).isEqualTo(limits(cli(hAdmin, "show info")))
                    .anyMatch(l -> l.startsWith("Maxconn: ") && !l.equals("Maxconn: 0"));
            assertThat(proxyLimits(cli(sAdmin, "show stat"))).isEqualTo(proxyLimits(cli(hAdmin, "show stat")))
                    .contains("www FRONTEND slim=" + limits(cli(hAdmin, "show info")).get(0).substring(9));
            for (String command : OPERATOR_COMMANDS) {
                assertThat(cli(sOperator, command)).as("operator: " + command).isEqualTo(cli(hOperator, command));
            }
            for (String command : ADMIN_COMMANDS) {
                assertThat(cli(sAdmin, command)).as(command).isEqualTo(cli(hAdmin, command));
            }
            assertThat(serversState(cli(sAdmin, "show servers state"))).isEqualTo(
                    serversState(cli(hAdmin, "show servers state")));
        }
    }

    /** The {@code Maxconn} and {@code Hard_maxconn} lines of {@code show info}. */
    private static List<String> limits(String info) {
        return info.lines().filter(l -> l.startsWith("Maxconn: ") || l.startsWith("Hard_maxconn: ")).toList();
    }

    /** {@code PROXY FRONTEND slim=N} and {@code PROXY BACKEND slim=N} of {@code show stat}. */
    private static List<String> proxyLimits(String stat) {
        List<String> header = Arrays.asList(stat.lines().findFirst().orElseThrow().substring(2).split(","));
        int slim = header.indexOf("slim");
        return stat.lines().skip(1).map(l -> l.split(",", -1))
                .filter(w -> w.length > slim && (w[1].equals("FRONTEND") || w[1].equals("BACKEND")))
                .map(w -> w[0] + " " + w[1] + " slim=" + w[slim]).toList();
    }

    /**
     * {@code show servers state} without the two columns that differ by design: the backend's id
     * (HAProxy numbers its internal proxies first) and the seconds since the last change.
     */
    private static String serversState(String text) {
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            String[] words = line.split(" ");
            if (words.length == 25 && !line.startsWith("#")) {
                words[0] = "-";
                words[9] = "-";
            }
            out.append(String.join(" ", Arrays.asList(words))).append('\n');
        }
        return out.toString();
    }

    /** {@code echo COMMAND | socat - TCP:127.0.0.1:PORT}. */
    private static String cli(int port, String command) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write((command + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
