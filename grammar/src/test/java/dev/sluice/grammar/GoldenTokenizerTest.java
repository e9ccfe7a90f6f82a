package dev.sluice.grammar;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every fixture under {@code golden/tokenizer} parses to the AST and diagnostics of its
 * {@code .expected} file. Run with {@code -Dgolden.update=true} to rewrite the expected files,
 * then review the diff.
 */
class GoldenTokenizerTest {

    static List<Path> fixtures() throws IOException {
        return Fixture.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void parsesAsExpected(Path path) throws IOException {
        Fixture fixture = Fixture.load(path);
        String actual = fixture.render();
        Path expected = fixture.expectedPath();
        if (Boolean.getBoolean("golden.update")) {
            Files.write(expected, actual.getBytes(StandardCharsets.ISO_8859_1));
        }
        assertThat(expected).as("golden file for %s (create it with -Dgolden.update=true)", path).exists();
        assertThat(actual).isEqualTo(ConfigLoader.read(expected));
    }
}
