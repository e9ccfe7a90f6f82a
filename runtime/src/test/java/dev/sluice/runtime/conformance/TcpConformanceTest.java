package dev.sluice.runtime.conformance;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Side by side with HAProxy: {@code mode tcp} relays bytes both ways, balanced round robin. */
@Timeout(60)
class TcpConformanceTest {

    @Test
    void tcpModeRelaysAndBalances() throws Exception {
        byte[] big = new byte[256 * 1024];
        new Random(7).nextBytes(big);
        Scenario.named("tcp relay").config("""
                        defaults
                            mode tcp
                            timeout connect 1s
                            timeout client 5s
                            timeout server 5s
                        frontend db
                            bind 127.0.0.1:${port:db}
                            default_backend echo
                        backend echo
                            balance roundrobin
                            server a ${server:a}
                            server b ${server:b}
                        """)
                .tcpServers("a", "b")
                .roundRobinOver("a", "b")
                .tcp("hello\n".getBytes(StandardCharsets.ISO_8859_1))
                .tcp(big)
                .tcp(new byte[0])
                .tcp("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1))
                .run();
    }
}
