package dev.sluice.runtime;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The transport the proxy tests run on: the default ({@link Transport#best()}), or the one the
 * system property {@code sluice.test.transport} names. The build runs the runtime's tests a second
 * time on io_uring (runtime/pom.xml), which {@code SLUICE_TRANSPORT} can choose; where the named
 * one cannot run, those tests are skipped, saying so.
 */
public final class TransportUnderTest {

    private TransportUnderTest() {
    }

    public static Transport get() {
        String name = System.getProperty("sluice.test.transport");
        if (name == null || name.isBlank()) {
            return Transport.best();
        }
        boolean runs = Transport.runnable().stream().anyMatch(t -> t.name().equals(name));
        assumeTrue(runs, "transport " + name + " does not run on this machine");
        return Transport.named(name);
    }
}
