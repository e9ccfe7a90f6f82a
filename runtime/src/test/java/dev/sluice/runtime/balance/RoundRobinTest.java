package dev.sluice.runtime.balance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code roundrobin}, {@code static-rr}, {@code leastconn} and {@code first}. */
class RoundRobinTest {

    static String picks(BackendState b, int n) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < n; i++) {
            ServerState s = b.balancer().select(BalanceInput.NONE);
            out.append(s == null ? "-" : s.name().substring(1));
        }
        return out.toString();
    }

    static String weighted(String algorithm, int... weights) {
        StringBuilder body = new StringBuilder("    balance " + algorithm + "\n");
        for (int i = 0; i < weights.length; i++) {
            body.append("    server s").append(i + 1).append(" 10.0.0.").append(i + 1).append(":80 weight ")
                    .append(weights[i]).append('\n');
        }
        return body.toString();
    }

    @ParameterizedTest(name = "{0} weights {1}")
    @CsvSource(delimiter = '|', value = {
            "roundrobin | 1 1 1 | 123123123",
            "roundrobin | 3 1   | 11211121",
            "roundrobin | 5 1 1 | 11213111121311",
            "roundrobin | 2 0 1 | 131131",
            "static-rr  | 1 1 1 | 123123123",
            "static-rr  | 3 1   | 11121112",
            "static-rr  | 2 4   | 122122",
            "static-rr  | 5 1 1 | 11121131112113",
    })
    void turnsFollowTheWeights(String algorithm, String weights, String expected) {
        int[] w = java.util.Arrays.stream(weights.trim().split(" ")).mapToInt(Integer::parseInt).toArray();
        BackendState b = Plans.backend(weighted(algorithm, w));
        assertThat(picks(b, expected.length())).isEqualTo(expected);
    }

    @Property(tries = 100)
    void roundRobinGivesEachServerItsWeightInEveryCycle(
            @ForAll @Size(min = 1, max = 6) List<@IntRange(min = 1, max = 12) Integer> weights) {
        int[] w = weights.stream().mapToInt(Integer::intValue).toArray();
        int total = weights.stream().mapToInt(Integer::intValue).sum();
        for (String algorithm : List.of("roundrobin", "static-rr")) {
            BackendState b = Plans.backend(weighted(algorithm, w));
            for (int cycle = 0; cycle < 3; cycle++) {
                Map<String, Integer> counts = new HashMap<>();
                for (int i = 0; i < total; i++) {
                    counts.merge(b.balancer().select(BalanceInput.NONE).name(), 1, Integer::sum);
                }
                for (int i = 0; i < w.length; i++) {
                    assertThat(counts.getOrDefault("s" + (i + 1), 0)).as(algorithm + " s" + (i + 1))
                            .isEqualTo(w[i]);
                }
            }
        }
    }

    @Property(tries = 50)
    void roundRobinIsSmooth(@ForAll @Size(min = 2, max = 5) List<@IntRange(min = 1, max = 10) Integer> weights) {
        // Within any window of picks, a server's count never strays more than one from its share.
        int[] w = weights.stream().mapToInt(Integer::intValue).toArray();
        double total = weights.stream().mapToInt(Integer::intValue).sum();
        BackendState b = Plans.backend(weighted("roundrobin", w));
        int[] counts = new int[w.length];
        for (int n = 1; n <= 3 * total; n++) {
            counts[b.balancer().select(BalanceInput.NONE).name().charAt(1) - '1']++;
            for (int i = 0; i < w.length; i++) {
                assertThat(Math.abs(counts[i] - n * w[i] / total)).isLessThan(1.0 + 1e-9);
            }
        }
    }

    @Test
    void runtimeWeightChangesApplyAtOnceWithoutRestartingTheCycle() {
        BackendState b = Plans.backend(weighted("roundrobin", 1, 1));
        assertThat(picks(b, 4)).isEqualTo("1212");
        b.server("s2").setWeight(3);
        String after = picks(b, 8);
        assertThat(after.chars().filter(c -> c == '2').count()).isEqualTo(6);
        assertThat(b.balancer().dynamicWeights()).isTrue();
    }

    @Test
    void aServerComingBackGetsNoBurst() {
        BackendState b = Plans.backend(weighted("roundrobin", 1, 1, 1));
        picks(b, 5);
        b.server("s3").setUp(false);
        assertThat(picks(b, 6)).doesNotContain("3");
        b.server("s3").setUp(true);
        String next = picks(b, 9);
        assertThat(next.chars().filter(c -> c == '3').count()).isBetween(2L, 4L);
        assertThat(next).doesNotContain("33");
    }

    @Test
    void staticRoundRobinIgnoresWeightChangesButNotZero() {
        BackendState b = Plans.backend(weighted("static-rr", 1, 1));
        b.server("s2").setWeight(5);
        assertThat(picks(b, 4)).isEqualTo("1212");
        b.server("s2").setWeight(0);
        assertThat(picks(b, 3)).isEqualTo("111");
        assertThat(b.balancer().dynamicWeights()).isFalse();
    }

    @Test
    void fullServersSitTheirTurnOut() {
        BackendState b = Plans.backend("    balance roundrobin\n" + Plans.servers(3, "maxconn 1"));
        Slot held = (Slot) b.acquire(BalanceInput.NONE); // s1
        assertThat(held.server().name()).isEqualTo("s1");
        assertThat(picks(b, 4)).isEqualTo("2323");
        held.release();
        assertThat(picks(b, 3)).contains("1");
    }

    @Test
    void everyServerFullGivesNone() {
        BackendState b = Plans.backend("    balance roundrobin\n" + Plans.servers(2, "maxconn 1"));
        b.acquire(BalanceInput.NONE);
        b.acquire(BalanceInput.NONE);
        assertThat(b.balancer().select(BalanceInput.NONE)).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"roundrobin", "static-rr", "leastconn", "first"})
    void avoidedServerOnlyWhenNothingElse(String algorithm) {
        BackendState b = Plans.backend("    balance " + algorithm + "\n" + Plans.servers(2, ""));
        ServerState s1 = b.server("s1");
        for (int i = 0; i < 5; i++) {
            assertThat(b.balancer().select(BalanceInput.NONE, s -> s == s1).name()).isEqualTo("s2");
        }
        assertThat(b.balancer().select(BalanceInput.NONE, s -> true)).isNotNull();
        b.server("s2").setAdminState(AdminState.MAINT);
        assertThat(b.balancer().select(BalanceInput.NONE, s -> s == s1)).isSameAs(s1);
    }

    // ---- leastconn

    @Test
    void leastConnPicksTheLeastLoadedRelativeToWeight() {
        BackendState b = Plans.backend("""
                    balance leastconn
                    server s1 10.0.0.1:80 weight 1
                    server s2 10.0.0.2:80 weight 2
                """);
        List<Slot> held = new ArrayList<>();
        StringBuilder order = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            Slot s = (Slot) b.acquire(BalanceInput.NONE);
            held.add(s);
            order.append(s.server().name().charAt(1));
        }
        // s2 (weight 2) carries twice the load of s1 once both are busy
        assertThat(b.server("s2").activeConnections()).isEqualTo(4);
        assertThat(b.server("s1").activeConnections()).isEqualTo(2);
        for (Slot s : held) {
            if (s.server().name().equals("s2") && b.server("s2").activeConnections() > 2) {
                s.release();
            }
        }
        assertThat(b.balancer().select(BalanceInput.NONE).name()).as("2 on weight 2 is lighter than 2 on weight 1")
                .isEqualTo("s2");
    }

    @Test
    void leastConnGoesRoundRobinAmongTies() {
        BackendState b = Plans.backend("    balance leastconn\n" + Plans.servers(3, ""));
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 30; i++) {
            Slot s = (Slot) b.acquire(BalanceInput.NONE);
            counts.merge(s.server().name(), 1, Integer::sum);
            s.release();
        }
        assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of("s1", 10, "s2", 10, "s3", 10));
    }

    @Test
    void leastConnCountsQueuedRequestsAndAcceptsAnExplicitMaxqueue() {
        BackendState b = Plans.backend("""
                    balance leastconn
                    server s1 10.0.0.1:80 maxconn 1 maxqueue 2
                """);
        assertThat(b.acquire(BalanceInput.NONE)).isInstanceOf(Slot.class);
        Acquisition second = b.acquire(BalanceInput.NONE);
        assertThat(second).isInstanceOf(Pending.class);
        assertThat(((Pending) second).server()).as("queued on the server itself").isSameAs(b.server("s1"));
        assertThat(b.acquire(BalanceInput.NONE)).isInstanceOf(Pending.class);
        assertThat(b.acquire(BalanceInput.NONE)).as("server queue full: backend queue")
                .isInstanceOf(Pending.class).extracting(p -> ((Pending) p).server()).isNull();
    }

    // ---- first

    @Test
    void firstFillsTheLowestIdFirst() {
        BackendState b = Plans.backend("""
                    balance first
                    server a 10.0.0.1:80 maxconn 2 id 3
                    server b 10.0.0.2:80 maxconn 2
                    server c 10.0.0.3:80 maxconn 2 weight 100
                """);
        // b takes 2, the first free id from its position; c's position 3 is a's, so it takes 4
        assertThat(b.server("b").id()).isEqualTo(2);
        assertThat(b.server("c").id()).isEqualTo(4);
        StringBuilder order = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            order.append(((Slot) b.acquire(BalanceInput.NONE)).server().name());
        }
        assertThat(order.toString()).isEqualTo("bbaacc");
        assertThat(b.acquire(BalanceInput.NONE)).isInstanceOf(Pending.class);
    }
}
