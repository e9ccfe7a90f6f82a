package dev.sluice.runtime.l7;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CookieDatesTest {

    @Test
    void encodesAsHaproxyDoes() {
        // read off HAProxy 2.6: at 1795532244 s it set "SRV=a|awWl1|awWl1"
        assertThat(CookieDates.encode(1_795_532_244L)).isEqualTo("awWl1");
        assertThat(CookieDates.encode(1_795_532_247L)).isEqualTo("awWl1"); // the same 4-second step
        assertThat(CookieDates.encode(1_795_532_248L)).isEqualTo("awWl2");
        assertThat(CookieDates.decode("awWl1")).isEqualTo(1_795_532_244L);
        assertThat(CookieDates.decode("awW!1")).isEqualTo(-1);
        assertThat(CookieDates.decode("awW")).isEqualTo(-1);
    }

    @Test
    void parsesTheValueAndItsOptionalDates() {
        assertThat(CookieDates.parse("a")).isEqualTo(new CookieDates.Parsed("a", -1, -1));
        assertThat(CookieDates.parse("a|awWl1")).isEqualTo(new CookieDates.Parsed("a", 1_795_532_244L, -1));
        assertThat(CookieDates.parse("a|awWl2|awWl1"))
                .isEqualTo(new CookieDates.Parsed("a", 1_795_532_248L, 1_795_532_244L));
        assertThat(CookieDates.parse("a|junk|awWl1")).isEqualTo(new CookieDates.Parsed("a", -1, 1_795_532_244L));
    }

    @Test
    void aDateIsFreshWithinItsLimitAndUpToADayAhead() {
        long now = 1_795_532_244L;
        assertThat(CookieDates.fresh(now - 1799, 1_800_000L, now)).isTrue();
        assertThat(CookieDates.fresh(now - 1801, 1_800_000L, now)).isFalse();
        assertThat(CookieDates.fresh(now + 86_000, 1_800_000L, now)).isTrue();
        assertThat(CookieDates.fresh(now + 90_000, 1_800_000L, now)).isFalse();
        assertThat(CookieDates.fresh(-1, 1_800_000L, now)).as("no date").isTrue();
        assertThat(CookieDates.fresh(0, null, now)).as("no limit").isTrue();
    }
}
