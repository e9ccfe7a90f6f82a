package dev.sluice.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.EventLoopGroup;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LoopClockTest {

    private EventLoopGroup group;

    @AfterEach
    void stop() {
        if (group != null) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private static void spin(long nanos) {
        long end = System.nanoTime() + nanos;
        while (System.nanoTime() - end < 0) {
            Thread.onSpinWait();
        }
    }

    @Test
    void offAnEventLoopEveryCallReadsTheSystemClock() {
        long first = LoopClock.nanoTime();
        spin(TimeUnit.MILLISECONDS.toNanos(3));
        assertThat(LoopClock.nanoTime() - first).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(3));
        long wall = System.currentTimeMillis();
        assertThat(LoopClock.currentTimeMillis()).isBetween(wall, System.currentTimeMillis());
    }

    @ParameterizedTest
    @MethodSource("transports")
    void aLoopReadsTheClockOncePerTurnAndAgainInTheNext(Transport transport) throws Exception {
        group = transport.group(1);
        long[] turn = group.submit(() -> {
            long before = System.nanoTime();
            long first = LoopClock.nanoTime();
            long firstMs = LoopClock.currentTimeMillis();
            spin(TimeUnit.MILLISECONDS.toNanos(5));
            return new long[] {before, first, LoopClock.nanoTime(), firstMs, LoopClock.currentTimeMillis(),
                    System.nanoTime()};
        }).get(5, TimeUnit.SECONDS);
        // within a turn: one reading, taken when first asked for, never later than the real time
        assertThat(turn[2]).isEqualTo(turn[1]);
        assertThat(turn[4]).isEqualTo(turn[3]);
        assertThat(turn[1]).isBetween(turn[0], turn[5]);

        // a task submitted now could still run in that turn (tasks of one turn share its reading);
        // one scheduled for later runs after the loop has waited again, in a new turn
        long next = group.schedule(LoopClock::nanoTime, 20, TimeUnit.MILLISECONDS).get(5, TimeUnit.SECONDS);
        assertThat(next - turn[5]).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(20));
    }

    /** Every transport this machine runs. */
    static Stream<Transport> transports() {
        return TransportUnderTest.all();
    }
}
