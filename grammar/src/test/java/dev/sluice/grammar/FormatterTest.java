package dev.sluice.grammar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.grammar.fmt.Formatter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code sluice fmt}'s layout: golden files under {@code golden/fmt} ({@code NAME.cfg} formats
 * to {@code NAME.expected}; {@code -Dgolden.update=true} rewrites them), and for every one of
 * them the formatted text parses to the same AST and formats to itself.
 */
class FormatterTest {

    private static final Path ROOT = Path.of("src/test/resources/golden/fmt");
    private static final ParseOptions OPTIONS = ParseOptions.defaults().withEnv(Map.of("HOME", "/root"));
    private final Formatter formatter = new Formatter(HaproxyVersion.DEFAULT);

    static List<Path> fixtures() throws IOException {
        try (Stream<Path> s = Files.list(ROOT)) {
            return s.filter(p -> p.toString().endsWith(".cfg")).sorted().toList();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void formatsAsExpected(Path fixture) throws IOException {
        String text = ConfigLoader.read(fixture);
        String formatted = formatter.format(text);
        Path expected = Path.of(fixture.toString().replaceAll("\\.cfg$", ".expected"));
        if (Boolean.getBoolean("golden.update")) {
            Files.write(expected, formatted.getBytes(StandardCharsets.ISO_8859_1));
        }
        assertThat(formatted).isEqualTo(ConfigLoader.read(expected));
        assertThat(formatter.format(formatted)).as("idempotent").isEqualTo(formatted);
        AstPrinter structure = AstPrinter.withSpans(false);
        assertThat(structure.print(ConfigLoader.parse("f.cfg", formatted, OPTIONS).config()))
                .as("same AST")
                .isEqualTo(structure.print(ConfigLoader.parse("f.cfg", text, OPTIONS).config()));
    }

    @Test
    void keepsEveryWordAsWritten() {
        String text = "global\n  description   \"a  b\"  'c  d'   e\\ f   \\x41   \"${X-y}\"  # note  \n";
        assertThat(formatter.format(text))
                .isEqualTo("global\n    description \"a  b\" 'c  d' e\\ f \\x41 \"${X-y}\" # note\n");
    }

    @Test
    void formatsAnEmptyFileToNothing() {
        assertThat(formatter.format("")).isEmpty();
        assertThat(formatter.format("\n\n  \n")).isEmpty();
    }

    @Test
    void sectionKeywordsFollowTheTargetVersion() {
        String text = "global\ncrt-store web\ncrt-base /x\n";
        assertThat(new Formatter(HaproxyVersion.V2_6).format(text))
                .isEqualTo("global\n    crt-store web\n    crt-base /x\n");
        assertThat(new Formatter(HaproxyVersion.V3_0).format(text))
                .isEqualTo("global\ncrt-store web\n    crt-base /x\n");
    }
}
