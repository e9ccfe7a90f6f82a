package dev.sluice.grammar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.grammar.fmt.Formatter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every sample configuration under {@code samples/} parses cleanly and round-trips through fmt. */
class SamplesTest {

    static List<Path> samples() throws IOException {
        String repo = System.getProperty("sluice.repo.root");
        Path root = (repo != null ? Path.of(repo) : Path.of("..")).resolve("samples");
        try (Stream<Path> s = Files.walk(root)) {
            List<Path> all = s.filter(p -> p.toString().endsWith(".cfg")).sorted().toList();
            assertThat(all).as("samples under %s", root).isNotEmpty();
            return all;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void parsesWithoutErrorsAndRoundTripsThroughFmt(Path sample) throws IOException {
        for (HaproxyVersion version : List.of(HaproxyVersion.V2_6, HaproxyVersion.DEFAULT)) {
            ParseOptions options = ParseOptions.defaults().withVersion(version).withEnv(Map.of());
            String text = ConfigLoader.read(sample);
            ParseResult parsed = ConfigLoader.parse(sample.getFileName().toString(), text, options);
            assertThat(parsed.diagnostics()).as("diagnostics of %s", sample).isEmpty();
            assertThat(parsed.config().sections().count()).isPositive();

            String formatted = new Formatter(version).format(text);
            AstPrinter structure = AstPrinter.withSpans(false);
            assertThat(structure.print(ConfigLoader.parse("x.cfg", formatted, options).config()))
                    .isEqualTo(structure.print(ConfigLoader.parse("x.cfg", text, options).config()));
        }
    }
}
