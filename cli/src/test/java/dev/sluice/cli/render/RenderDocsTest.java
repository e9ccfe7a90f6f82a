package dev.sluice.cli.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.hubspot.jinjava.lib.filter.Filter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/render.md documents every filter Sluice adds, and the README lists the command. */
class RenderDocsTest {

    private static Path repo() {
        String repo = System.getProperty("sluice.repo.root");
        return repo != null ? Path.of(repo) : Path.of("..");
    }

    @Test
    void everyFilterIsDocumented() throws IOException {
        String docs = Files.readString(repo().resolve("docs/render.md"));
        for (Filter f : Filters.all()) {
            assertThat(docs).as("docs/render.md on %s", f.getName()).containsPattern("`" + f.getName() + "[`(]");
        }
    }

    @Test
    void theReadmeListsRender() throws IOException {
        assertThat(Files.readString(repo().resolve("README.md"))).contains("`sluice render ", "docs/render.md");
    }
}
