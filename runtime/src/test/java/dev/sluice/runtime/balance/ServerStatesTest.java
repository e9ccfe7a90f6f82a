package dev.sluice.runtime.balance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Server state, the usable set, and carrying state across reloads. */
class ServerStatesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "ready and up          | READY | true  | 1 | true  | true",
            "draining              | DRAIN | true  | 1 | false | true",
            "in maintenance        | MAINT | true  | 1 | false | false",
            "down                  | READY | false | 1 | false | false",
            "draining and down     | DRAIN | false | 1 | false | false",
            "weight 0              | READY | true  | 0 | false | true",
    })
    void usableAndPersistentTraffic(String what, AdminState admin, boolean up, int weight, boolean usable,
            boolean persistent) {
        BackendState b = Plans.backend(Plans.servers(2, ""));
        ServerState s = b.server("s1");
        s.setAdminState(admin);
        s.setUp(up);
        s.setWeight(weight);
        assertThat(s.isUsable()).isEqualTo(usable);
        assertThat(s.acceptsPersistent()).isEqualTo(persistent);
        boolean chosen = false;
        for (int i = 0; i < 10; i++) {
            chosen |= b.balancer().select(BalanceInput.NONE) == s;
        }
        assertThat(chosen).as("chosen by load balancing").isEqualTo(usable);
    }

    @Test
    void configurationSetsTheInitialState() {
        BackendState b = Plans.backend("""
                    server a 10.0.0.1:80 weight 7 maxconn 20 maxqueue 5
                    server d 10.0.0.2:80 disabled
                    server m 10.0.0.3:80 minconn 3
                """);
        ServerState a = b.server("a");
        assertThat(a.weight()).isEqualTo(7);
        assertThat(a.maxconn()).isEqualTo(20);
        assertThat(a.maxqueue()).isEqualTo(5);
        assertThat(a.adminState()).isEqualTo(AdminState.READY);
        assertThat(a.isUp()).isTrue();
        assertThat(b.server("d").adminState()).isEqualTo(AdminState.MAINT);
        assertThat(b.server("m").maxconn()).as("minconn alone").isEqualTo(3);
        assertThat(b.server("nope")).isNull();
    }

    @Test
    void weightIsBetweenZeroAnd256() {
        ServerState s = Plans.backend(Plans.servers(1, "")).server("s1");
        assertThat(s.setWeight(256)).isEqualTo(1);
        assertThatThrownBy(() -> s.setWeight(257)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.setWeight(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(s.resetWeight()).isEqualTo(256);
        assertThat(s.weight()).isEqualTo(1);
    }

    @Test
    void countersCount() {
        BackendState b = Plans.backend(Plans.servers(1, ""));
        ServerState s = b.server("s1");
        ((Slot) b.acquire(BalanceInput.NONE)).release();
        ((Slot) b.acquire(s)).release();
        s.recordFailure();
        assertThat(s.selectedCount()).isEqualTo(1);
        assertThat(s.connectionCount()).isEqualTo(2);
        assertThat(s.failureCount()).isEqualTo(1);
    }

    // ---- backups

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "actives up: no backup                | ''                | ''        | a1 a2",
            "actives down: first backup           | ''                | a1 a2     | b1",
            "actives down, allbackups             | option allbackups | a1 a2     | b1 b2",
            "first backup down too                | ''                | a1 a2 b1  | b2",
            "everything down                      | option allbackups | a1 a2 b1 b2 | ''",
            "one active left                      | option allbackups | a1        | a2",
    })
    void backupsServeOnlyWhenNoActiveServerIsUp(String what, String option, String down, String chosen) {
        BackendState b = Plans.backend("    " + option + """

                    server a1 10.0.0.1:80
                    server b1 10.0.0.3:80 backup
                    server a2 10.0.0.2:80
                    server b2 10.0.0.4:80 backup
                """);
        for (String name : down.isBlank() ? new String[0] : down.split(" ")) {
            b.server(name).setUp(false);
        }
        java.util.Set<String> seen = new java.util.TreeSet<>();
        for (int i = 0; i < 20; i++) {
            ServerState s = b.balancer().select(BalanceInput.NONE);
            if (s != null) {
                seen.add(s.name());
            }
        }
        assertThat(String.join(" ", seen)).isEqualTo(chosen);
    }

    // ---- ids

    @ParameterizedTest(name = "ids {3}")
    @CsvSource(delimiter = '|', value = {
            "''                  | ''   | ''   | 1 2 3",
            "id 2                | ''   | ''   | 2 3 4",
            "''                  | id 1 | ''   | 2 1 4",
            "''                  | ''   | id 1 | 2 3 1",
            "id 10               | ''   | id 3 | 10 2 3",
    })
    void serverIdsAreHaproxys(String first, String second, String third, String ids) {
        BackendState b = Plans.backend("    server a 10.0.0.1:80 " + first + "\n    server b 10.0.0.2:80 " + second
                + "\n    server c 10.0.0.3:80 " + third + "\n");
        assertThat(b.server("a").id() + " " + b.server("b").id() + " " + b.server("c").id()).isEqualTo(ids);
    }

    // ---- reload

    @Test
    void aReloadKeepsTheStateOfServersThatRemain() {
        ServerStates states = ServerStates.of(Plans.compile(Plans.http(Plans.servers(3, "maxconn 10"))), null);
        BackendState b = states.backend("b");
        ServerState s1 = b.server("s1");
        ServerState s2 = b.server("s2");
        s1.setAdminState(AdminState.DRAIN);
        s2.setWeight(40);
        s2.setUp(false);
        Slot held = (Slot) b.acquire(b.server("s3"));
        s1.recordFailure();

        states.reconcile(Plans.compile(Plans.http(Plans.servers(3, "maxconn 20")
                + "    server s4 10.0.0.4:80\n")), 0);

        assertThat(states.backend("b")).isSameAs(b);
        assertThat(b.server("s1")).isSameAs(s1);
        assertThat(s1.adminState()).isEqualTo(AdminState.DRAIN);
        assertThat(s1.failureCount()).isEqualTo(1);
        assertThat(s2.weight()).isEqualTo(40);
        assertThat(s2.isUp()).isFalse();
        assertThat(b.server("s3").activeConnections()).isEqualTo(1);
        assertThat(b.server("s3").maxconn()).as("new settings apply").isEqualTo(20);
        assertThat(b.server("s4").isUsable()).isTrue();
        held.release();
        assertThat(b.server("s3").activeConnections()).isZero();
    }

    @Test
    void aSettingTheReloadChangesWinsOverTheRuntimeOne() {
        ServerStates states = ServerStates.of(Plans.compile(Plans.http("""
                    server s1 10.0.0.1:80 weight 5
                    server s2 10.0.0.2:80 weight 5
                    server s3 10.0.0.3:80 disabled
                """)), null);
        BackendState b = states.backend("b");
        b.server("s1").setWeight(50);
        b.server("s2").setWeight(60);
        b.server("s3").setAdminState(AdminState.READY);
        states.reconcile(Plans.compile(Plans.http("""
                    server s1 10.0.0.1:80 weight 8
                    server s2 10.0.0.2:80 weight 5
                    server s3 10.0.0.3:80
                """)), 0);
        assertThat(b.server("s1").weight()).as("configured weight changed").isEqualTo(8);
        assertThat(b.server("s2").weight()).as("configured weight unchanged").isEqualTo(60);
        assertThat(b.server("s3").adminState()).isEqualTo(AdminState.READY);
        states.reconcile(Plans.compile(Plans.http("    server s3 10.0.0.3:80 disabled\n")), 0);
        assertThat(b.server("s3").adminState()).isEqualTo(AdminState.MAINT);
    }

    @Test
    void aReloadRemovesServersAndBackendsThatAreGone() {
        ServerStates states = ServerStates.of(Plans.compile(Plans.http(Plans.servers(2, "maxconn 1"))
                + "backend other\n    server o 10.0.0.9:80 maxconn 1\n"), null);
        BackendState other = states.backend("other");
        ServerState o = other.server("o");
        ((Slot) other.acquire(BalanceInput.NONE)).server();
        Pending waiting = (Pending) other.acquire(BalanceInput.NONE);
        ServerState s2 = states.server("b", "s2");

        states.reconcile(Plans.compile(Plans.http(Plans.servers(1, ""))), 0);

        assertThat(states.backend("other")).isNull();
        assertThat(waiting.future()).isCompletedWithValue(Refusal.NO_SERVER);
        assertThat(o.isRemoved()).isTrue();
        assertThat(s2.isRemoved()).isTrue();
        assertThat(states.backend("b").servers()).extracting(ServerState::name).containsExactly("s1");
        assertThat(other.acquire(BalanceInput.NONE)).isEqualTo(Refusal.NO_SERVER);
        for (int i = 0; i < 5; i++) {
            assertThat(states.backend("b").balancer().select(BalanceInput.NONE).name()).isEqualTo("s1");
        }
    }

    @Test
    void aReloadCanChangeTheAlgorithm() {
        ServerStates states = ServerStates.of(Plans.compile(Plans.http(Plans.servers(2, ""))), null);
        BackendState b = states.backend("b");
        assertThat(b.balancer()).isInstanceOf(RoundRobinBalancer.class);
        states.reconcile(Plans.compile(Plans.http("    balance leastconn\n" + Plans.servers(2, ""))), 0);
        assertThat(b.balancer()).isInstanceOf(LeastConnBalancer.class);
    }

    // ---- fullconn

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "backend fullconn         | ''             | ''            | '    fullconn 500' | 500",
            "10% of two frontends     | ''             | maxconn 1000  | ''                 | 200",
            "the global maxconn each  | maxconn 2001   | ''            | ''                 | 401",
            "unknown limit            | ''             | ''            | ''                 | 0",
            "fullconn 0 counts as none | maxconn 2001  | ''            | '    fullconn 0'   | 401",
    })
    void fullconn(String what, String global, String frontend, String backend, long expected) {
        String cfg = "global\n    " + global + "\ndefaults\n    mode http\n    timeout connect 1s\n"
                + "    timeout client 1s\n    timeout server 1s\nfrontend f\n    bind :8080\n    " + frontend
                + "\n    default_backend b\nfrontend g\n    bind :8081\n    " + frontend
                + "\n    use_backend b if TRUE\nbackend b\n" + backend + "\n    server s 10.0.0.1:80\n";
        ServerStates states = ServerStates.of(Plans.compile(cfg), null);
        assertThat(states.backend("b").settings().fullconn()).isEqualTo(expected);
    }

    @Test
    void aBackendNoFrontendNamesHasAFullconnOf1AsInHaproxy() {
        assertThat(Plans.backend("    server s 10.0.0.1:80\n").settings().fullconn()).isEqualTo(1);
    }

    @Test
    void settingsComeFromTheBackend() {
        BackendState.Settings s = Plans.backend("""
                    option redispatch 2
                    option allbackups
                    timeout queue 7s
                    server s 10.0.0.1:80
                """).settings();
        assertThat(s).isEqualTo(new BackendState.Settings(true, 2, true, 7000, 1));
        assertThat(Plans.backend("    no option redispatch\n    server s 10.0.0.1:80\n").settings().redispatch())
                .isFalse();
        assertThat(Plans.backend("    option redispatch\n    server s 10.0.0.1:80\n").settings()
                .redispatchInterval()).isEqualTo(-1);
        assertThat(List.of(Plans.backend(Plans.servers(1, "")).balancer().warnings())).containsExactly(List.of());
    }
}
