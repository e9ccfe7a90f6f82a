package dev.sluice.compiler.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UnitsTest {

    @ParameterizedTest(name = "{0} = {1} ms")
    @CsvSource({
        "0, 0",
        "5000, 5000",
        "5000ms, 5000",
        "5s, 5000",
        "2m, 120000",
        "1h, 3600000",
        "1d, 86400000",
        "1us, 1",
        "999us, 1",
        "1000us, 1",
        "1001us, 2",
        "1500us, 2",
        "0us, 0",
        "10sec, 10000",
        "3min, 180000",
    })
    void timesAreMillisecondsRoundedUp(String text, long ms) {
        assertThat(Units.parseTime(text)).isEqualTo(ms);
    }

    @Test
    void aBareNumberTakesTheKeywordsDefaultUnit() {
        assertThat(Units.parseTime("10", TimeUnit.SECONDS)).isEqualTo(10_000);
        assertThat(Units.parseTime("10", TimeUnit.MILLISECONDS)).isEqualTo(10);
        assertThat(Units.parseTime("10ms", TimeUnit.SECONDS)).isEqualTo(10);
    }

    @ParameterizedTest
    @CsvSource({"''", "s", "-5s", "5x", "5 s", "ms"})
    void notATime(String text) {
        assertThatThrownBy(() -> Units.parseTime(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTimeTooLargeForALongIsRefused() {
        assertThatThrownBy(() -> Units.parseTime("99999999999999999d")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("too large");
    }

    @ParameterizedTest(name = "{0} = {1} bytes")
    @CsvSource({
        "0, 0",
        "512, 512",
        "1k, 1024",
        "1K, 1024",
        "16k, 16384",
        "1m, 1048576",
        "2M, 2097152",
        "1g, 1073741824",
        "3G, 3221225472",
    })
    void sizesAreBytesInMultiplesOf1024(String text, long bytes) {
        assertThat(Units.parseSize(text)).isEqualTo(bytes);
    }

    @ParameterizedTest
    @CsvSource({"''", "k", "1kb", "1t", "1.5k", "-1"})
    void notASize(String text) {
        assertThatThrownBy(() -> Units.parseSize(text)).isInstanceOf(IllegalArgumentException.class);
    }
}
