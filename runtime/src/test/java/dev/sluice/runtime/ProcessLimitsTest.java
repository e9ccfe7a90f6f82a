package dev.sluice.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The process maxconn derived without a global {@code maxconn}. Each expected figure is what
 * HAProxy 2.6.12 printed in {@code show info} ({@code Maxconn}) for the same configuration, the
 * same thread count and the same {@code ulimit -n}.
 */
class ProcessLimitsTest {

    private static final String BASE = """
            global
                stats socket /tmp/sluice-limits.sock level admin
            defaults
                mode http
                timeout connect 1s
                timeout client 5s
                timeout server 5s
            frontend f
                bind 127.0.0.1:38417
                default_backend b
            backend b
                server s1 127.0.0.1:1
            """;

    private static long derived(String config, int threads, long descriptors) {
        return ProcessLimits.maxconn(ProxyFixture.compile(config), threads, descriptors);
    }

    @Test
    void halfOfTheDescriptorsLeftOnceListenersStatsSocketsAndThreadsHaveTheirs() {
        assertThat(derived(BASE, 2, 4096)).isEqualTo(2034);
        assertThat(derived(BASE, 2, 20_000)).isEqualTo(9986);
        assertThat(derived(BASE, 1, 4096)).isEqualTo(2035);
        assertThat(derived(BASE, 4, 4096)).isEqualTo(2031);
    }

    @Test
    void everyPortOfEveryBindCountsInDisabledFrontendsToo() {
        assertThat(derived(BASE.replace("    bind 127.0.0.1:38417\n", """
                    bind 127.0.0.1:38417
                    bind 127.0.0.1:38418
                    bind 127.0.0.1:38419-38422
                """), 2, 4096)).isEqualTo(2031);
        assertThat(derived(BASE + """
                frontend off
                    disabled
                    bind 127.0.0.1:38430-38439
                    default_backend b
                """, 2, 4096)).isEqualTo(2029);
    }

    @Test
    void healthChecksOfEnabledBackendsCountOneEach() {
        assertThat(derived(BASE.replace("server s1 127.0.0.1:1", """
                server s1 127.0.0.1:1 check
                    server s2 127.0.0.1:2 check"""), 2, 4096)).isEqualTo(2033);
        assertThat(derived(BASE + """
                listen l
                    bind 127.0.0.1:38440
                    server x 127.0.0.1:1 check
                    server y 127.0.0.1:1 check backup
                    server z 127.0.0.1:1 check disabled
                """, 2, 4096)).isEqualTo(2032);
        assertThat(derived(BASE + """
                backend b3
                    disabled
                    server x 127.0.0.1:1 check
                """, 2, 4096)).isEqualTo(2034);
    }

    @Test
    void statsMaxconnIsSetAsideForTheStatsSockets() {
        assertThat(derived(BASE.replace("global\n", "global\n    stats maxconn 50\n"), 2, 4096)).isEqualTo(2014);
        assertThat(derived(BASE.replace("    stats socket /tmp/sluice-limits.sock level admin\n", ""), 2, 4096))
                .isEqualTo(2039);
    }

    @Test
    void aGlobalMaxconnIsTakenAsWrittenAndADerivedOneIsAtLeast100() {
        assertThat(derived(BASE.replace("global\n", "global\n    maxconn 300\n"), 2, 4096)).isEqualTo(300);
        assertThat(derived(BASE, 2, 150)).isEqualTo(100);
        assertThat(derived(BASE, 2, 0)).isZero();
    }

    @Test
    void theDescriptorLimitIsThisProcesssOwn() {
        assertThat(ProcessLimits.readDescriptorLimit()).isPositive();
    }
}
