package dev.sluice.runtime.conformance;

import static dev.sluice.runtime.conformance.ConfigTemplate.DEFAULTS;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Side by side with HAProxy: {@code balance roundrobin}, its failover and retries. */
@Timeout(60)
class RoundRobinConformanceTest {

    static final String THREE = DEFAULTS + """
            frontend www
                bind 127.0.0.1:${port:www}
                default_backend app
            backend app
                balance roundrobin
                server a ${server:a} weight 1
                server b ${server:b} weight 1
                server c ${server:c} weight 1
            """;

    private static Request[] twelve(String prefix) {
        return IntStream.rangeClosed(1, 12).mapToObj(i -> Request.get("/" + prefix + i)).toArray(Request[]::new);
    }

    @Test
    void twelveRequestsOnOneKeepAliveConnection() throws Exception {
        Scenario.named("roundrobin, one keep-alive connection").config(THREE).httpServers("a", "b", "c")
                .roundRobinOver("a", "b", "c")
                .connection(twelve("k"))
                .run();
    }

    @Test
    void twelveRequestsOnSeparateConnections() throws Exception {
        Scenario.named("roundrobin, separate connections").config(THREE).httpServers("a", "b", "c")
                .roundRobinOver("a", "b", "c")
                .separateConnections(twelve("s"))
                .run();
    }

    @Test
    @Disabled("differs from HAProxy 2.6 (docs/runtime-conformance.md): with weights 5 1 1 HAProxy serves"
            + " a a a b a a c, repeated; Sluice's smooth weighted round robin serves a a b a c a a: the same"
            + " proportions, another order")
    void unequalWeights() throws Exception {
        Scenario.named("roundrobin, weights 5 1 1")
                .config(THREE.replace("server a ${server:a} weight 1", "server a ${server:a} weight 5"))
                .httpServers("a", "b", "c")
                .separateConnections(IntStream.rangeClosed(1, 14).mapToObj(i -> Request.get("/w" + i))
                        .toArray(Request[]::new))
                .run();
    }

    @Test
    void twoServers() throws Exception {
        Scenario.named("roundrobin, two servers").config(THREE.replace("    server c ${server:c} weight 1\n", ""))
                .httpServers("a", "b")
                .roundRobinOver("a", "b")
                .connection(twelve("k"))
                .separateConnections(twelve("s"))
                .run();
    }
}
