package dev.sluice.runtime.stats;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RateTest {

    @Test
    void countsTheCurrentSecondAndWhatIsLeftOfThePreviousOne() {
        Rate r = new Rate();
        long t = 1_000_000L * 1000;
        for (int i = 0; i < 10; i++) {
            r.add(t + 100);
        }
        assertThat(r.read(t + 999)).isEqualTo(10);
        // half-way through the next second, half of the previous second still counts
        assertThat(r.read(t + 1500)).isEqualTo(5);
        r.add(t + 1500);
        assertThat(r.read(t + 1500)).isEqualTo(6);
        assertThat(r.read(t + 3000)).isZero();
        assertThat(r.max()).isEqualTo(10);
    }

    @Test
    void countersClassifyStatusesAndTrackDowntime() throws Exception {
        Counters c = new Counters();
        c.response(101);
        c.response(204);
        c.response(503);
        c.response(99);
        c.response(600);
        assertThat(c.responses(0)).isEqualTo(1);
        assertThat(c.responses(1)).isEqualTo(1);
        assertThat(c.responses(4)).isEqualTo(1);
        assertThat(c.responses(5)).isEqualTo(2);

        c.statusChanged(false);
        Thread.sleep(30);
        c.statusChanged(false); // still down: one transition
        c.statusChanged(true);
        long down = c.downtimeMs();
        assertThat(down).isGreaterThanOrEqualTo(30);
        Thread.sleep(20);
        assertThat(c.downtimeMs()).as("up again: the downtime stops growing").isEqualTo(down);
        assertThat(c.downs()).isEqualTo(1);
    }
}
