package dev.sluice.cli.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.grammar.ConfigLoader;
import dev.sluice.grammar.ParseOptions;
import dev.sluice.grammar.ParseResult;
import dev.sluice.grammar.ast.Directive;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** HAProxy's notations: a word reads back as the value it quotes, durations and sizes in HAProxy's units. */
class HaproxyValuesTest {

    @ParameterizedTest
    @ValueSource(strings = {"plain", "/path/to/file.pem", "%[req.hdr(host)]", "a b", "tab\there", "hash#tag", "back\\slash",
        "\"quoted\"", "it's", "it's \"both\"", "$HOME", "${HOME}", "it's $HOME", "line\nbreak", "cr\rhere", "  spaced  ",
        "ünïcödé", "x\\n", "'", "\"", "\\", "#", "{ braces }"})
    void aWordReadsBackAsItsValue(String value) {
        String word = HaproxyValues.word(value);
        ParseResult parsed = ConfigLoader.parse("t.cfg", "global\n    description " + word + "\n",
                ParseOptions.defaults().withEnv(Map.of("HOME", "/root")));
        assertThat(parsed.diagnostics()).as("diagnostics for %s", word).isEmpty();
        Directive d = parsed.config().files().get(0).sections().get(0).directives().get(0);
        assertThat(d.args()).as("words of %s", word).hasSize(1);
        assertThat(d.arg(1)).as("value of %s", word).isEqualTo(value);
    }

    @Test
    void wordsAreQuotedOnlyWhenNeeded() {
        assertThat(HaproxyValues.word("web1")).isEqualTo("web1");
        assertThat(HaproxyValues.word("a b")).isEqualTo("'a b'");
        assertThat(HaproxyValues.word("it's")).isEqualTo("\"it's\"");
        assertThat(HaproxyValues.word("it's $x")).isEqualTo("\"it's \\$x\"");
        assertThat(HaproxyValues.word("")).isEqualTo("\"\"");
    }

    @Test
    void durationsTakeTheLargestExactUnit() {
        assertThat(HaproxyValues.time(5000, null)).isEqualTo("5s");
        assertThat(HaproxyValues.time(90000, null)).isEqualTo("90s");
        assertThat(HaproxyValues.time(60000, "ms")).isEqualTo("1m");
        assertThat(HaproxyValues.time(1500, null)).isEqualTo("1500ms");
        assertThat(HaproxyValues.time(30, "s")).isEqualTo("30s");
        assertThat(HaproxyValues.time(1.5, "s")).isEqualTo("1500ms");
        assertThat(HaproxyValues.time(3600, "s")).isEqualTo("1h");
        assertThat(HaproxyValues.time(0, null)).isEqualTo("0");
        assertThat(HaproxyValues.time("1m30s", null)).isEqualTo("90s");
        assertThat(HaproxyValues.time("50000ms", null)).isEqualTo("50s");
        assertThat(HaproxyValues.time("2d", null)).isEqualTo("2d");
        assertThat(HaproxyValues.time("250", "us")).isEqualTo("250us");
        assertThat(HaproxyValues.time("10", "s")).isEqualTo("10s");
        for (String bad : List.of("5x", "", "s", "-5s", "1.5us")) {
            assertThatThrownBy(() -> HaproxyValues.time(bad, null)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> HaproxyValues.time(5, "weeks")).hasMessage("unknown time unit 'weeks' (HAProxy's are us, ms, s, m, h, d)");
    }

    @Test
    void sizesTakeTheLargestExactSuffix() {
        assertThat(HaproxyValues.size(16384)).isEqualTo("16k");
        assertThat(HaproxyValues.size(1 << 20)).isEqualTo("1m");
        assertThat(HaproxyValues.size(3L << 30)).isEqualTo("3g");
        assertThat(HaproxyValues.size(1000)).isEqualTo("1000");
        assertThat(HaproxyValues.size("16K")).isEqualTo("16k");
        assertThat(HaproxyValues.size("1024kb")).isEqualTo("1m");
        assertThat(HaproxyValues.size("2MiB")).isEqualTo("2m");
        assertThat(HaproxyValues.size("100k")).isEqualTo("100k");
        for (String bad : List.of("16q", "1.5k", "", "-1")) {
            assertThatThrownBy(() -> HaproxyValues.size(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
