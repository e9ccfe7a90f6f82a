package dev.sluice.runtime.balance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The hashing algorithms, the consistent ring and {@code random}. */
class HashBalancerTest {

    private static HashBalancer hashing(String balance) {
        return (HashBalancer) Plans.backend("    balance " + balance + "\n" + Plans.servers(3, "")).balancer();
    }

    private static long sdbm(String s) {
        return Integer.toUnsignedLong(HashFunction.SDBM.hash(s, 0, s.length()));
    }

    @ParameterizedTest(name = "balance {0} on {1} hashes \"{2}\"")
    @CsvSource(delimiter = '|', value = {
            "uri                    | /a/b/c?x=1              | /a/b/c",
            "uri whole              | /a/b/c?x=1              | /a/b/c?x=1",
            "uri len 4              | /a/b/c?x=1              | /a/b",
            "uri len 100            | /a/b/c                  | /a/b/c",
            "uri depth 1            | /a/b/c?x=1              | /a",
            "uri depth 2            | /a/b/c?x=1              | /a/b",
            "uri depth 2            | /a?b/c                  | /a",
            "uri depth 2 whole      | /a?b/c/d                | /a?b/c",
            "uri depth 5            | /a/b                    | /a/b",
            "uri len 3 depth 2      | /abc/def                | /ab",
            "uri                    | http://h.example/p/q?r  | http://h.example/p/q",
            "uri path-only          | http://h.example/p/q?r  | /p/q",
            "uri path-only          | /p/q?r                  | /p/q",
            "uri path-only          | http://h.example        | ''",
            "uri path-only depth 1  | https://h:8443/p/q      | /p",
            "uri                    | ''                      | ''",
    })
    void uriKeys(String balance, String uri, String key) {
        assertThat(hashing(balance).hash(Inputs.uri(uri))).isEqualTo(sdbm(key));
    }

    @ParameterizedTest(name = "url_param {0} in {1}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            "id     | /p?id=42                 | 42",
            "id     | /p?a=1&id=42&b=2         | 42",
            "id     | /p?id=42&id=43           | 42",
            "id     | /p?id=                   | ''",
            "id     | /p?xid=42&id=7           | 7",
            "id     | /p?id                    | null",
            "id     | /p?ids=42                | null",
            "id     | /p?a=1                   | null",
            "id     | /p/id=42                 | null",
            "id     | /p                       | null",
            "userid | /login?userid=bob&x=1    | bob",
    })
    void urlParamKeys(String name, String uri, String value) {
        long h = hashing("url_param " + name).hash(Inputs.uri(uri));
        assertThat(h).isEqualTo(value == null ? -1 : sdbm(value));
    }

    @ParameterizedTest(name = "hdr(host){0} on \"{1}\"")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            "''               | www.example.com        | www.example.com",
            "''               | '  a.b  , c.d'         | a.b",
            "''               | ''                     | null",
            "''               | ' , x'                 | null",
            "' use_domain_only' | haproxy.1wt.eu       | 1wt",
            "' use_domain_only' | www.example.com      | example",
            "' use_domain_only' | example.com          | example",
            "' use_domain_only' | localhost            | localhost",
            "' use_domain_only' | a.b.c.d.example.org  | example",
            "' use_domain_only' | example.com.         | com",
            "' use_domain_only' | .com                 | .com",
    })
    void headerKeys(String option, String value, String key) {
        HashBalancer b = hashing("hdr(host)" + option);
        assertThat(b.hash(Inputs.header("Host", value))).isEqualTo(key == null ? -1 : sdbm(key));
        assertThat(b.hash(new Inputs())).isEqualTo(-1);
    }

    @Test
    void sourceXorsTheAddressWords() {
        HashBalancer b = hashing("source");
        assertThat(b.hash(Inputs.address(10, 0, 0, 1))).isEqualTo(0x0A000001L);
        assertThat(b.hash(Inputs.address(0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1)))
                .isEqualTo(0x20010db8L ^ 1);
        assertThat(b.hash(new Inputs())).isEqualTo(-1);
        HashBalancer consistent = (HashBalancer) Plans.backend(
                "    balance source\n    hash-type consistent\n" + Plans.servers(2, "")).balancer();
        assertThat(consistent.hash(Inputs.address(10, 0, 0, 1)))
                .isEqualTo(Integer.toUnsignedLong(HashFunction.avalanche(0x0A000001)));
    }

    @ParameterizedTest(name = "hash-type {0}")
    @CsvSource({"map-based", "consistent", "map-based djb2", "consistent crc32 avalanche"})
    void aKeyAlwaysGoesToTheSameServer(String hashType) {
        BackendState b = Plans.backend("    balance uri\n    hash-type " + hashType + "\n" + Plans.servers(5, ""));
        for (int i = 0; i < 200; i++) {
            String uri = "/item/" + i;
            ServerState first = b.balancer().select(Inputs.uri(uri));
            for (int again = 0; again < 3; again++) {
                assertThat(b.balancer().select(Inputs.uri(uri + "?v=" + again))).isSameAs(first);
            }
        }
    }

    @Test
    void mapBasedIndexesTheWeightedTableByTheHashModuloItsSize() {
        BackendState b = Plans.backend("""
                    balance uri
                    server s1 10.0.0.1:80 weight 20
                    server s2 10.0.0.2:80 weight 10
                """);
        // weights over their gcd: 2 and 1, table [s1, s1, s2] (HAProxy's construction)
        for (String uri : List.of("/a", "/b", "/c", "/index.html", "/x/y/z")) {
            long h = sdbm(uri);
            String expected = h % 3 == 2 ? "s2" : "s1";
            assertThat(b.balancer().select(Inputs.uri(uri)).name()).as(uri).isEqualTo(expected);
        }
    }

    @Test
    void missingKeysFallBackToRoundRobin() {
        for (String hashType : List.of("map-based", "consistent")) {
            BackendState b = Plans.backend("    balance url_param id\n    hash-type " + hashType + "\n"
                    + Plans.servers(3, ""));
            Map<String, Integer> counts = new HashMap<>();
            for (int i = 0; i < 300; i++) {
                counts.merge(b.balancer().select(Inputs.uri("/no-param")).name(), 1, Integer::sum);
            }
            assertThat(counts.keySet()).as(hashType).containsExactlyInAnyOrder("s1", "s2", "s3");
            assertThat(counts.values()).allMatch(c -> c > 50);
        }
    }

    @Test
    void mapBasedMovesKeysWhenAServerGoesDown() {
        BackendState b = Plans.backend("    balance uri\n" + Plans.servers(4, ""));
        Map<String, ServerState> before = mapping(b, 400);
        b.server("s4").setUp(false);
        Map<String, ServerState> after = mapping(b, 400);
        assertThat(after.values()).doesNotContain(b.server("s4"));
        long moved = before.keySet().stream()
                .filter(k -> before.get(k) != after.get(k) && before.get(k) != b.server("s4")).count();
        assertThat(moved).as("modulo hashing reshuffles keys of other servers").isGreaterThan(100);
    }

    private static Map<String, ServerState> mapping(BackendState b, int keys) {
        Map<String, ServerState> m = new HashMap<>();
        for (int i = 0; i < keys; i++) {
            m.put("/k" + i, b.balancer().select(Inputs.uri("/k" + i)));
        }
        return m;
    }

    @Property(tries = 40)
    void consistentHashingMovesOnlyTheKeysOfAServerThatGoesDown(
            @ForAll @Size(min = 2, max = 8) List<@IntRange(min = 1, max = 20) Integer> weights,
            @ForAll @IntRange(min = 0, max = 7) int down, @ForAll long seed) {
        int victim = down % weights.size();
        StringBuilder body = new StringBuilder("    balance hdr(x-key)\n    hash-type consistent\n");
        for (int i = 0; i < weights.size(); i++) {
            body.append("    server s").append(i + 1).append(" 10.0.0.1:").append(8000 + i).append(" weight ")
                    .append(weights.get(i)).append('\n');
        }
        BackendState b = Plans.backend(body.toString());
        Random random = new Random(seed);
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            keys.add(Long.toHexString(random.nextLong()));
        }
        Map<String, ServerState> before = new HashMap<>();
        keys.forEach(k -> before.put(k, b.balancer().select(Inputs.header("X-Key", k))));
        ServerState gone = b.servers().get(victim);
        gone.setUp(false);
        for (String k : keys) {
            ServerState now = b.balancer().select(Inputs.header("X-Key", k));
            assertThat(now).isNotSameAs(gone);
            if (before.get(k) != gone) {
                assertThat(now).as("key %s stays", k).isSameAs(before.get(k));
            }
        }
        gone.setUp(true);
        for (String k : keys) {
            assertThat(b.balancer().select(Inputs.header("X-Key", k))).as("key %s comes back", k)
                    .isSameAs(before.get(k));
        }
    }

    @Property(tries = 20)
    void consistentHashingSharesKeysByWeight(
            @ForAll @Size(min = 2, max = 5) List<@IntRange(min = 1, max = 10) Integer> weights) {
        StringBuilder body = new StringBuilder("    balance random(1)\n");
        for (int i = 0; i < weights.size(); i++) {
            body.append("    server s").append(i).append(" 10.0.0.1:").append(8000 + i).append(" weight ")
                    .append(weights.get(i)).append('\n');
        }
        BackendState b = Plans.backend(body.toString());
        Random random = new Random(42);
        Inputs input = Inputs.random(random::nextInt);
        int n = 40_000;
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < n; i++) {
            counts.merge(b.balancer().select(input).name(), 1, Integer::sum);
        }
        double total = weights.stream().mapToInt(Integer::intValue).sum();
        for (int i = 0; i < weights.size(); i++) {
            double share = counts.getOrDefault("s" + i, 0) / (double) n;
            double expected = weights.get(i) / total;
            // 16 points per unit of weight make a coarse ring: HAProxy warns the spread is not smooth
            assertThat(share).as("s%d of %s", i, weights).isBetween(expected * 0.4, expected * 1.8);
        }
    }

    @Test
    void runtimeWeightChangesReshapeTheRingButNotTheMap() {
        BackendState consistent = Plans.backend("    balance uri\n    hash-type consistent\n" + Plans.servers(2, ""));
        BackendState map = Plans.backend("    balance uri\n" + Plans.servers(2, ""));
        assertThat(consistent.balancer().dynamicWeights()).isTrue();
        assertThat(map.balancer().dynamicWeights()).isFalse();
        Map<String, ServerState> c0 = mapping(consistent, 300);
        Map<String, ServerState> m0 = mapping(map, 300);
        consistent.server("s1").setWeight(10);
        map.server("s1").setWeight(10);
        Map<String, ServerState> c1 = mapping(consistent, 300);
        assertThat(mapping(map, 300)).isEqualTo(m0);
        long toS1 = c1.entrySet().stream().filter(e -> e.getValue().name().equals("s1")).count();
        assertThat(toS1).isGreaterThan(c0.values().stream().filter(s -> s.name().equals("s1")).count());
        c0.forEach((k, s) -> {
            if (s.name().equals("s1")) {
                assertThat(c1.get(k).name()).as("a heavier s1 keeps its keys").isEqualTo("s1");
            }
        });
    }

    @Test
    void aRetryAvoidsTheHashedServer() {
        for (String hashType : List.of("map-based", "consistent")) {
            BackendState b = Plans.backend("    balance uri\n    hash-type " + hashType + "\n" + Plans.servers(3, ""));
            ServerState first = b.balancer().select(Inputs.uri("/x"));
            ServerState retry = b.balancer().select(Inputs.uri("/x"), s -> s == first);
            assertThat(retry).as(hashType).isNotNull().isNotSameAs(first);
        }
    }

    // ---- random

    @Test
    void randomKeepsTheLeastLoadedOfItsDraws() {
        BackendState b = Plans.backend("    balance random\n" + Plans.servers(2, ""));
        List<Slot> held = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            held.add((Slot) b.acquire(BalanceInput.NONE, s -> s.name().equals("s2")));
        }
        // five on s1 (the only one allowed); with two draws landing on both, s2 wins from now on
        int[] keys = drawsHitting(b, "s1", "s2");
        int[] at = {0};
        Inputs input = Inputs.random(() -> keys[at[0]++ % 2]);
        for (int i = 0; i < 4; i++) {
            assertThat(b.balancer().select(input).name()).isEqualTo("s2");
        }
        held.forEach(Slot::release);
    }

    /** Two random keys whose nearest ring points belong to the named servers. */
    private static int[] drawsHitting(BackendState b, String first, String second) {
        Random r = new Random(7);
        int[] keys = new int[2];
        String[] want = {first, second};
        for (int k = 0; k < 2; k++) {
            while (true) {
                int key = r.nextInt();
                if (ring(b).lookup(key, null).name().equals(want[k])) {
                    keys[k] = key;
                    break;
                }
            }
        }
        return keys;
    }

    private static ConsistentRing ring(BackendState b) {
        BackendState.Group g = b.group();
        return ConsistentRing.build(g.members, g.weights);
    }

    @Test
    void randomDrawsDefaultToTwo() {
        assertThat(((RandomBalancer) Plans.backend("    balance random\n" + Plans.servers(2, "")).balancer()).draws())
                .isEqualTo(2);
        assertThat(((RandomBalancer) Plans.backend("    balance random(5)\n" + Plans.servers(2, "")).balancer())
                .draws()).isEqualTo(5);
    }
}
