package dev.sluice.compiler.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code NAME.cfg} under {@code src/test/resources/plan} compiles to exactly {@code NAME.json}.
 * Run with {@code -Dgolden.update=true} to rewrite the expectations, then review the diff.
 */
class GoldenPlanTest {

    private static final boolean UPDATE = Boolean.getBoolean("golden.update");

    static Stream<Path> fixtures() {
        return Fixtures.goldenConfigs().stream();
    }

    @Test
    void thereAreFixtures() {
        assertThat(Fixtures.goldenConfigs()).hasSizeGreaterThanOrEqualTo(10);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void compilesToTheExpectedPlan(Path config) throws Exception {
        String actual = PlanJson.write(Fixtures.compile(config));
        Path expected = config.resolveSibling(config.getFileName().toString().replaceAll("\\.cfg$", ".json"));
        if (UPDATE) {
            Files.writeString(expected, actual, StandardCharsets.UTF_8);
            return;
        }
        assertThat(expected).as("missing %s: run with -Dgolden.update=true", expected).exists();
        assertThat(actual).isEqualTo(read(expected));
    }

    private static String read(Path p) throws IOException {
        return Files.readString(p, StandardCharsets.UTF_8);
    }
}
