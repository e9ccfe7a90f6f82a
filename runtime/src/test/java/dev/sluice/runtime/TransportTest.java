package dev.sluice.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Choosing the I/O transport by name, as {@code SLUICE_TRANSPORT} does. */
class TransportTest {

    @Test
    void noNameMeansTheBestThisMachineRuns() {
        assertThat(Transport.named(null).kind()).isEqualTo(Transport.best().kind());
        assertThat(Transport.named(" ").kind()).isEqualTo(Transport.best().kind());
    }

    @Test
    void theDefaultIsEpollWhereItRunsElseNioNeverIoUring() {
        Transport.Kind expected = Transport.Kind.EPOLL.available() ? Transport.Kind.EPOLL : Transport.Kind.NIO;
        assertThat(Transport.best().kind()).isEqualTo(expected);
    }

    @Test
    void eachRunnableTransportCanBeNamedInAnyCase() {
        assertThat(Transport.named("NIO").name()).isEqualTo("nio");
        for (Transport t : TransportUnderTest.all().toList()) {
            assertThat(Transport.named(" " + t.name().toUpperCase(Locale.ROOT) + " ").kind()).isEqualTo(t.kind());
        }
        assertThat(TransportUnderTest.all().toList()).extracting(Transport::name).endsWith("nio");
    }

    @Test
    void anUnknownNameIsRefusedWithTheNamesThatExist() {
        assertThatThrownBy(() -> Transport.named("kqueue"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown transport 'kqueue' (expected io_uring, epoll or nio)");
    }

    @Test
    void aTransportThisMachineCannotRunIsRefusedSayingWhy() {
        Transport.Kind missing = null;
        for (Transport.Kind k : Transport.Kind.values()) {
            if (!k.available()) {
                missing = k;
            }
        }
        assumeTrue(missing != null, "every transport runs on this machine");
        String name = missing.label();
        assertThatThrownBy(() -> Transport.named(name))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("transport '" + name + "' cannot run on this machine: ");
    }
}
