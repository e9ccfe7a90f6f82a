package dev.sluice.grammar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.grammar.ast.Section;
import dev.sluice.grammar.diag.Diagnostic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several files and directories, in order, each position remembering its file. */
class ConfigLoaderTest {

    @TempDir
    Path dir;

    private final ParseOptions options = ParseOptions.defaults().withEnv(Map.of());

    @Test
    void readsFilesAndDirectoriesInOrderWithEachPositionsFile() throws IOException {
        Path main = write("haproxy.cfg", "global\n    maxconn 10\n");
        Path confd = Files.createDirectory(dir.resolve("conf.d"));
        write("conf.d/20-backend.cfg", "backend app\n    server s1 127.0.0.1:80\n");
        write("conf.d/10-frontend.cfg", "frontend web\n    bind :80\n    description \"$.FILE\"\n");
        write("conf.d/.hidden.cfg", "global\n");
        write("conf.d/notes.txt", "not a config\n");

        ParseResult result = ConfigLoader.load(List.of(main.toString(), confd + "/"), options);

        assertThat(result.diagnostics()).isEmpty();
        List<Section> sections = result.config().sections().toList();
        assertThat(sections).extracting(Section::type).containsExactly("global", "frontend", "backend");
        assertThat(sections.get(1).span().file()).isEqualTo(confd + "/10-frontend.cfg");
        assertThat(sections.get(2).span().file()).isEqualTo(confd + "/20-backend.cfg");
        assertThat(sections.get(1).directives().get(1).arg(1)).isEqualTo(confd + "/10-frontend.cfg");
    }

    @Test
    void everyFileStartsOutsideOfAnySection() throws IOException {
        Path a = write("a.cfg", "global\n");
        Path b = write("b.cfg", "    maxconn 10\n");

        ParseResult result = ConfigLoader.load(List.of(a.toString(), b.toString()), options);

        assertThat(result.diagnostics()).extracting(Diagnostic::text)
                .containsExactly("parsing [" + b + ":1]: unknown keyword 'maxconn' out of section.");
    }

    @Test
    void aMissingFileIsReportedAndTheOthersAreStillRead() throws IOException {
        Path a = write("a.cfg", "global\n");
        String missing = dir.resolve("missing.cfg").toString();

        ParseResult result = ConfigLoader.load(List.of(missing, a.toString()), options);

        assertThat(result.diagnostics()).extracting(Diagnostic::text)
                .containsExactly("Could not open configuration file " + missing + " : No such file or directory");
        assertThat(result.config().sections()).hasSize(1);
    }

    @Test
    void cfgFilesListsEveryFileGiven() throws IOException {
        Path a = write("a.cfg", "global\n    description \"$HAPROXY_CFGFILES\"\n");
        Path b = write("b.cfg", "");

        ParseResult result = ConfigLoader.load(List.of(a.toString(), b.toString()), options);

        assertThat(result.config().sections().findFirst().orElseThrow().directives().get(0).arg(1))
                .isEqualTo(a + ";" + b);
    }

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }
}
