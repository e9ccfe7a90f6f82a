package dev.sluice.runtime;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Stream;

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
        // an unknown name fails here, as it should: only one that cannot run skips
        Transport.Kind kind = Transport.Kind.valueOf(name.toUpperCase(Locale.ROOT));
        assumeTrue(kind.available(), "transport " + name + " does not run on this machine");
        return Transport.named(name);
    }

    /** Every transport this machine runs. */
    public static Stream<Transport> all() {
        return Arrays.stream(Transport.Kind.values()).filter(Transport.Kind::available)
                .map(k -> Transport.named(k.label()));
    }
}
