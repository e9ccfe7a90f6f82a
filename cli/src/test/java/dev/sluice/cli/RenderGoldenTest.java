package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code sluice render} as a user sees it: each {@code NAME.j2} under
 * {@code src/test/resources/render/golden} is rendered with {@code NAME.yaml} or {@code NAME.json}
 * when there is one, and the arguments in {@code NAME.args} (one a line); exit code, standard
 * output and error output must be {@code NAME.expected}. Files whose names start with {@code _}
 * are includes and macros. {@code -Dgolden.update=true} rewrites the expected files, for review.
 */
class RenderGoldenTest {

    private static final boolean UPDATE = Boolean.getBoolean("golden.update");
    private static final Path DIR = Path.of("src/test/resources/render/golden").toAbsolutePath();

    static Stream<String> cases() throws IOException {
        try (Stream<Path> s = Files.list(DIR)) {
            return s.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".j2") && !n.startsWith("_"))
                    .map(n -> n.substring(0, n.length() - 3))
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    private static String shellWord(String arg) {
        if (arg.matches("[A-Za-z0-9_./=:,-]*")) {
            return arg;
        }
        return arg.contains("'") ? "\"" + arg + "\"" : "'" + arg + "'";
    }

    @Test
    void thereAreCasesForOutputAndForEachKindOfError() throws IOException {
        assertThat(cases().toList()).contains("undefined-variable", "syntax-error", "check-failure", "loops-and-filters",
                "lint-failure", "lint-passing", "diff-against");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rendersAsExpected(String name) throws IOException {
        List<String> args = new ArrayList<>(List.of("render", DIR.resolve(name + ".j2").toString()));
        for (String ext : List.of(".yaml", ".json")) {
            if (Files.exists(DIR.resolve(name + ext))) {
                args.add("-v");
                args.add(DIR.resolve(name + ext).toString());
            }
        }
        Path argsFile = DIR.resolve(name + ".args");
        if (Files.exists(argsFile)) {
            Files.readAllLines(argsFile, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).forEach(args::add);
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
        String shown = String.join(" ", args.stream().map(RenderGoldenTest::shellWord).toList()).replace(DIR + "/", "");
        String actual = "$ sluice " + shown + "\n"
                + "exit " + code + "\n"
                + "--- stdout\n" + out.toString().replace(DIR + "/", "")
                + "--- stderr\n" + err.toString().replace(DIR + "/", "");
        Path expected = DIR.resolve(name + ".expected");
        if (UPDATE) {
            Files.writeString(expected, actual, StandardCharsets.UTF_8);
            return;
        }
        assertThat(expected).as("missing %s: run with -Dgolden.update=true and review it", expected).exists();
        assertThat(actual).isEqualTo(Files.readString(expected, StandardCharsets.UTF_8));
    }
}
