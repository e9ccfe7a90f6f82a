package dev.sluice.runtime.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.runtime.balance.AdminState;
import dev.sluice.runtime.balance.ServerState;
import io.netty.util.ResourceLeakDetector;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The runtime API over real TCP sockets on 127.0.0.1, as socat and scripts use it: the protocol
 * (one-shot, several commands, prompt mode), the help, the levels, and every command's answers.
 */
@Timeout(60)
class AdminServerTest {

    /** Sockets 0 to 3: level admin, operator, user, and none (HAProxy's default: operator). */
    static final String CONFIG = """
            global
                stats socket 127.0.0.1:0 level admin
                stats socket 127.0.0.1:0 level operator
                stats socket 127.0.0.1:0 level user
                stats socket 127.0.0.1:0
            defaults
                mode http
                timeout connect 2s
                timeout client 10s
                timeout server 10s
            frontend www
                bind 127.0.0.1:0
                default_backend web
            backend web
                server w1 127.0.0.1:%d
                server w2 127.0.0.1:%d weight 50
                server w3 127.0.0.1:1 disabled
            backend st
                balance static-rr
                server s1 127.0.0.1:1
            """;

    static final int ADMIN = 0;
    static final int OPERATOR = 1;
    static final int USER = 2;
    static final int DEFAULT = 3;

    private final AdminFixture f = new AdminFixture();

    @BeforeAll
    static void paranoid() {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
    }

    @AfterEach
    void stop() throws Exception {
        f.close();
    }

    private AdminFixture start() throws Exception {
        return f.start(CONFIG.formatted(f.web("w1"), f.web("w2")));
    }

    private ServerState server(String backend, String name) {
        return f.proxy.plan().states().server(backend, name);
    }

    // ---- the protocol

    @Test
    void aCommandIsAnsweredThenAnEmptyLineAndTheConnectionCloses() throws Exception {
        start();
        try (CliClient c = CliClient.connect(f.socket(ADMIN))) {
            c.send("show version\n");
            assertThat(c.readToEnd()).isEqualTo(AdminFixture.VERSION + "\n\n");
        }
        assertThat(f.cli(ADMIN, "show backend")).isEqualTo("# name\nweb\nst\n\n");
    }

    @Test
    void commandsSeparatedBySemicolonsAndLinesSentTogetherAreAllAnswered() throws Exception {
        start();
        assertThat(f.cli(ADMIN, "show version;show backend"))
                .isEqualTo(AdminFixture.VERSION + "\n\n# name\nweb\nst\n\n");
        assertThat(CliClient.oneShot(f.socket(ADMIN), "show version\nget weight web/w2\n"))
                .isEqualTo(AdminFixture.VERSION + "\n\n50 (initial 50)\n\n");
        assertThat(f.cli(ADMIN, "get\\ weight web/w2")).as("an escaped space is part of the word")
                .startsWith("Unknown command");
        assertThat(CliClient.oneShot(f.socket(ADMIN), "show version\r\n")).isEqualTo(AdminFixture.VERSION + "\n\n");
    }

    @Test
    void promptModeKeepsTheConnectionOpenWithAPromptUntilQuit() throws Exception {
        start();
        try (CliClient c = CliClient.connect(f.socket(ADMIN))) {
            c.send("prompt\n");
            assertThat(c.readUntil("> ")).isEqualTo("\n> ");
            c.send("show version\n");
            assertThat(c.readUntil("> ")).isEqualTo(AdminFixture.VERSION + "\n\n> ");
            c.send("get weight web/w1;get weight web/w2\n");
            assertThat(c.readUntil("> ")).isEqualTo("1 (initial 1)\n\n50 (initial 50)\n\n> ");
            c.send("quit\n");
            assertThat(c.readToEnd()).isEmpty();
        }
    }

    @Test
    void aClientThatEndsItsInputGetsItsAnswersThenTheConnectionCloses() throws Exception {
        start();
        try (CliClient c = CliClient.connect(f.socket(ADMIN))) {
            c.send("prompt\nshow version\n");
            c.shutdownOutput();
            assertThat(c.readToEnd()).isEqualTo("\n> " + AdminFixture.VERSION + "\n\n> ");
        }
        try (CliClient c = CliClient.connect(f.socket(ADMIN))) {
            c.send("show version"); // no newline: HAProxy ignores an unfinished line too
            c.shutdownOutput();
            assertThat(c.readToEnd()).isEmpty();
        }
    }

    @Test
    void anIdleSessionClosesAfterTheStatsTimeout() throws Exception {
        f.start("""
                global
                    stats socket 127.0.0.1:0 level admin
                    stats timeout 300ms
                """ + AdminFixture.MINIMAL_PROXY);
        try (CliClient c = CliClient.connect(f.socket(0))) {
            c.send("prompt\n");
            assertThat(c.readUntil("> ")).isEqualTo("\n> ");
            long t0 = System.nanoTime();
            assertThat(c.closedByServer()).isTrue();
            assertThat((System.nanoTime() - t0) / 1_000_000).isBetween(200L, 5_000L);
        }
    }

    @Test
    void badInputIsAnsweredAndNeverStopsTheServer() throws Exception {
        start();
        assertThat(f.cli(ADMIN, "\u0000\u00ff\u00fe garbage ;;; \\")).startsWith("Unknown command");
        assertThat(CliClient.oneShot(f.socket(ADMIN), "x".repeat(20_000) + "\n")).isEqualTo("Command line too long.\n");
        assertThat(f.cli(ADMIN, "set weight web/w2 99999999999999999999999")).isEqualTo(
                "Absolute weight can only be between 0 and 256 inclusive.\n\n");
        assertThat(f.cli(ADMIN, "set server web/w2 addr 999.1.1.1 port 99999999999")).isEqualTo(
                "Invalid addr '999.1.1.1' by 'stats socket command'\n\n");
        for (int i = 0; i < 20; i++) {
            try (CliClient c = CliClient.connect(f.socket(ADMIN))) {
                c.send("prompt\nshow stat;show info;sh"); // then vanish without reading
            }
        }
        assertThat(f.cli(ADMIN, "show version")).isEqualTo(AdminFixture.VERSION + "\n\n");
        assertThat(f.get(HttpClient.newHttpClient(), "www", "/")).startsWith("200 ");
    }

    // ---- help

    @Test
    void helpListsTheCommandsInHaproxysLayout() throws Exception {
        start();
        String help = f.cli(USER, "help");
        assertThat(help).startsWith("The following commands are valid at this level:\n")
                .contains("  show servers state [<backend>]          : dump volatile server information (all or "
                        + "for a single backend)\n")
                .contains("  set server <bk>/<srv> [opts]            : change a server's state, weight or address\n")
                .contains("  reload                                  : read the configuration again and put it in "
                        + "force in this process\n")
                .endsWith("  help [<command>]                        : list matching or all commands\n"
                        + "  prompt                                  : toggle interactive mode with prompt\n"
                        + "  quit                                    : disconnect\n\n");
        assertThat(f.cli(USER, "help show backend")).isEqualTo("""
                The following commands are valid at this level:
                  show backend                            : list backends in the current running config
                  help [<command>]                        : list matching or all commands
                  prompt                                  : toggle interactive mode with prompt
                  quit                                    : disconnect

                """);
    }

    @Test
    void anUnknownCommandGetsTheCommandsItResembles() throws Exception {
        start();
        assertThat(f.cli(ADMIN, "show servers stat")).isEqualTo("""
                Unknown command, but maybe one of the following ones is a better match:
                  show servers state [<backend>]          : dump volatile server information (all or for a single backend)
                  help [<command>]                        : list matching or all commands
                  prompt                                  : toggle interactive mode with prompt
                  quit                                    : disconnect

                """);
        assertThat(f.cli(ADMIN, "show foo")).startsWith(
                "Unknown command, but maybe one of the following ones is a better match:\n  show ");
        assertThat(f.cli(ADMIN, "")).startsWith("Unknown command. Please enter one of the following commands only:\n"
                + "  clear table ");
    }

    // ---- levels

    private static final List<String> ADMIN_ONLY = List.of("disable server web/w2", "enable server web/w2",
            "set server web/w2 state ready", "set server web/w2 weight 50", "set server web/w2 addr 127.0.0.1",
            "set weight web/w2 50", "reload");
    private static final List<String> OPERATOR_AND_UP = List.of("clear table t", "operator");
    private static final List<String> EVERYONE = List.of("show info", "show stat", "show servers state",
            "show backend", "show version", "get weight web/w2", "show table", "show cli level", "help", "user");

    @Test
    void eachLevelRunsWhatItAllowsAndIsRefusedTheRest() throws Exception {
        start();
        Map<Integer, List<String>> denied = Map.of(
                ADMIN, List.of(),
                OPERATOR, ADMIN_ONLY,
                DEFAULT, ADMIN_ONLY,
                USER, concat(ADMIN_ONLY, OPERATOR_AND_UP));
        for (int socket : List.of(ADMIN, OPERATOR, USER, DEFAULT)) {
            for (String command : concat(concat(ADMIN_ONLY, OPERATOR_AND_UP), EVERYONE)) {
                if (command.equals("reload")) {
                    continue; // answered without a reloader; its level is checked below
                }
                String answer = f.cli(socket, command);
                if (denied.get(socket).contains(command)) {
                    assertThat(answer).as(socket + ": " + command).isEqualTo("Permission denied\n\n");
                } else {
                    assertThat(answer).as(socket + ": " + command).doesNotContain("Permission denied");
                }
            }
            boolean canReload = socket == ADMIN;
            assertThat(f.cli(socket, "reload").startsWith("Permission denied")).isEqualTo(!canReload);
        }
        assertThat(server("web", "w2").adminState()).isEqualTo(AdminState.READY);
        assertThat(f.cli(ADMIN, "show cli level")).isEqualTo("admin\n\n");
        assertThat(f.cli(DEFAULT, "show cli level")).isEqualTo("operator\n\n");
        assertThat(f.cli(USER, "show cli level")).isEqualTo("user\n\n");
    }

    @Test
    void aSessionMayLowerItsLevelButNeverRaiseIt() throws Exception {
        start();
        assertThat(f.cli(ADMIN, "operator;show cli level;disable server web/w2;user;show cli level"))
                .isEqualTo("\noperator\n\nPermission denied\n\n\nuser\n\n");
        assertThat(f.cli(USER, "operator;show cli level")).isEqualTo("Permission denied\n\nuser\n\n");
        assertThat(server("web", "w2").adminState()).isEqualTo(AdminState.READY);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
