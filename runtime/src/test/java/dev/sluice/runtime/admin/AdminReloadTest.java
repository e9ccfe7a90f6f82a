package dev.sluice.runtime.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.runtime.Reloader;
import dev.sluice.runtime.balance.AdminState;
import dev.sluice.runtime.balance.ServerState;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code reload} on the runtime socket, and what a reload keeps of what the runtime API changed:
 * server states, weights and addresses, counters, and the sockets themselves.
 */
@Timeout(60)
class AdminReloadTest {

    private final AdminFixture f = new AdminFixture();
    /** What the next reload reads. */
    private final AtomicReference<String> next = new AtomicReference<>();

    @AfterEach
    void stop() throws Exception {
        f.close();
    }

    private final Reloader.Source source = () -> {
        String config = next.get();
        if (config == null) {
            throw new Reloader.Rejected("the configuration has errors", List.of(
                    "[ALERT]    (1) : config : parsing [test.cfg:9] : unknown keyword 'bogus' in 'backend' section\n"));
        }
        return new Reloader.Loaded(AdminFixture.compile(config), List.of());
    };

    private static final String CONFIG = """
            global
                stats socket 127.0.0.1:0 level admin
            defaults
                mode http
                timeout connect 2s
                timeout client 10s
                timeout server 10s
            frontend www
                bind 127.0.0.1:0
                default_backend %s
            backend web
                server w1 127.0.0.1:%d%s
                server w2 127.0.0.1:%d weight 50
            backend other
                server o1 127.0.0.1:%d
            """;

    private ServerState server(String backend, String name) {
        return f.proxy.plan().states().server(backend, name);
    }

    private String admin(String command) throws Exception {
        return f.cli(0, command);
    }

    @Test
    void reloadOnTheSocketAnswersWithTheOutcomeAndTheLog() throws Exception {
        int w1 = f.web("w1");
        int w2 = f.web("w2");
        int o1 = f.web("o1");
        f.start(CONFIG.formatted("web", w1, "", w2, o1), source);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        assertThat(f.get(client, "www", "/")).isIn("200 w1", "200 w2");

        next.set(CONFIG.formatted("other", w1, "", w2, o1));
        String done = admin("reload");
        long pid = ProcessHandle.current().pid();
        assertThat(done).matches("Success=1\n--\n\\[NOTICE\\] +\\(" + pid + "\\) : sluice : reload 1: done in \\d+ ms "
                + "\\(listeners: 0 opened, 0 closed, 1 kept\\)\n\n");
        assertThat(f.get(client, "www", "/")).isEqualTo("200 o1");

        next.set(null);
        String rejected = admin("reload");
        assertThat(rejected).matches("Success=0\n--\n"
                + "\\[ALERT\\]    \\(1\\) : config : parsing \\[test.cfg:9\\] : unknown keyword 'bogus' in 'backend' "
                + "section\n"
                + "\\[ALERT\\] +\\(" + pid + "\\) : sluice : reload 2 rejected: the configuration has errors; the "
                + "configuration in force is unchanged\n\n");
        assertThat(f.get(client, "www", "/")).isEqualTo("200 o1");

        String info = admin("show info");
        assertThat(info).contains("Reloads: 2\n", "Reloads_rejected: 1\n", "Last_reload_outcome: rejected\n",
                "Last_reload_message: the configuration has errors\n");
        assertThat(info).containsPattern("Last_reload_time: \\d{4}-\\d\\d-\\d\\dT[^\n]+Z\n")
                .containsPattern("Last_reload_duration_ms: \\d+\n");
    }

    @Test
    void aProxyWithoutConfigurationToReadAgainSaysSo() throws Exception {
        f.start(CONFIG.formatted("web", 1, "", 1, 1));
        assertThat(admin("reload")).isEqualTo("Success=0\n--\nthis proxy has no configuration to read again\n\n");
    }

    @Test
    void whatTheRuntimeApiChangedSurvivesReloadsUnlessTheConfigurationChangesIt() throws Exception {
        int w1 = f.web("w1");
        int w2 = f.web("w2");
        int o1 = f.web("o1");
        String config = CONFIG.formatted("web", w1, "", w2, o1);
        f.start(config, source);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        assertThat(admin("set server web/w2 state drain;set weight web/w2 7;set server web/w1 addr 127.0.0.1 port "
                + o1)).isEqualTo("\n\nno need to change the addr, port changed from '" + w1 + "' to '" + o1
                + "' by 'stats socket command'\n\n");
        for (int i = 0; i < 3; i++) {
            f.get(client, "www", "/");
        }
        long served = server("web", "w1").connectionCount();
        assertThat(served).isEqualTo(3);

        next.set(config);
        assertThat(admin("reload")).startsWith("Success=1\n");
        assertThat(server("web", "w2").adminState()).isEqualTo(AdminState.DRAIN);
        assertThat(admin("get weight web/w2")).isEqualTo("7 (initial 50)\n\n");
        assertThat(f.proxy.plan().backend("web").orElseThrow().address(server("web", "w1")))
                .isEqualTo(new InetSocketAddress("127.0.0.1", o1));
        assertThat(f.get(client, "www", "/")).as("still where the runtime API sent it").isEqualTo("200 o1");
        assertThat(server("web", "w1").connectionCount()).as("counters kept").isEqualTo(4);
        assertThat(admin("show stat web 4 1")).contains(",4,").contains("127.0.0.1:" + o1);

        // a configuration that changes the weight and the address wins over the runtime API
        next.set(CONFIG.formatted("web", w2, " weight 3", w2, o1).replace("weight 50", "weight 40"));
        assertThat(admin("reload")).startsWith("Success=1\n");
        assertThat(admin("get weight web/w2")).isEqualTo("40 (initial 40)\n\n");
        assertThat(admin("get weight web/w1")).isEqualTo("3 (initial 3)\n\n");
        assertThat(f.proxy.plan().backend("web").orElseThrow().address(server("web", "w1")))
                .isEqualTo(new InetSocketAddress("127.0.0.1", w2));
        assertThat(server("web", "w2").adminState()).as("not a setting the configuration changed")
                .isEqualTo(AdminState.DRAIN);
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void theStatsSocketsFollowAReload() throws Exception {
        String config = """
                global
                    stats socket 127.0.0.1:%d level %s
                    stats socket 127.0.0.1:%d level %s
                """ + AdminFixture.MINIMAL_PROXY;
        int removed = freePort();
        int kept = freePort();
        int added = freePort();
        f.start(config.formatted(removed, "admin", kept, "user"), source);
        InetSocketAddress keptAddress = new InetSocketAddress("127.0.0.1", kept);
        InetSocketAddress addedAddress = new InetSocketAddress("127.0.0.1", added);
        assertThat(CliClient.oneShot(keptAddress, "show cli level\n")).isEqualTo("user\n\n");

        next.set(config.formatted(kept, "admin", added, "operator"));
        assertThat(f.cli(0, "reload")).startsWith("Success=1\n");
        assertThat(f.admin.boundAddresses()).containsExactly(keptAddress, addedAddress);
        assertThat(CliClient.oneShot(keptAddress, "show cli level\n")).as("kept, at its new level")
                .isEqualTo("admin\n\n");
        assertThat(CliClient.oneShot(addedAddress, "show cli level\n")).isEqualTo("operator\n\n");
        assertThat(CliClient.oneShot(addedAddress, "show info\n")).contains("Listeners: 3\n");
        try {
            CliClient.oneShot(new InetSocketAddress("127.0.0.1", removed), "show version\n");
            throw new AssertionError("the removed socket still answers");
        } catch (java.net.ConnectException expected) {
            // closed
        }

        // a socket that cannot open rejects the reload, and nothing changes
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            next.set(config.formatted(kept, "admin", taken.getLocalPort(), "operator"));
            assertThat(CliClient.oneShot(keptAddress, "reload\n")).startsWith("Success=0\n").contains(
                    "stats socket 127.0.0.1:" + taken.getLocalPort() + ": cannot bind");
        }
        assertThat(CliClient.oneShot(addedAddress, "show cli level\n")).isEqualTo("operator\n\n");
    }
}
