package dev.sluice.runtime.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How a line of the runtime API splits into commands and words, as HAProxy splits it. */
class CliParserTest {

    @Test
    void semicolonsSeparateCommandsAndBlanksSeparateWords() {
        assertThat(CliParser.commands("show info")).containsExactly(List.of("show", "info"));
        assertThat(CliParser.commands("  set\tweight  web/w1 10 ;get weight web/w1\r")).containsExactly(
                List.of("set", "weight", "web/w1", "10"), List.of("get", "weight", "web/w1"));
        assertThat(CliParser.commands("show version;")).containsExactly(List.of("show", "version"), List.of());
        assertThat(CliParser.commands("")).containsExactly(List.of());
    }

    @Test
    void aBackslashKeepsTheNextCharacterInTheWordAndQuotesMeanNothing() {
        assertThat(CliParser.commands("set server a\\;b/c\\ d state ready")).containsExactly(
                List.of("set", "server", "a;b/c d", "state", "ready"));
        assertThat(CliParser.commands("get weight \"web/w1\"")).containsExactly(
                List.of("get", "weight", "\"web/w1\""));
        assertThat(CliParser.commands("x\\")).containsExactly(List.of("x\\"));
    }

    @Test
    void wordsBeyondHaproxysLimitAreDropped() {
        assertThat(CliParser.commands("w ".repeat(100)).get(0)).hasSize(CliParser.MAX_WORDS);
    }
}
