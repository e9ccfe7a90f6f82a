package dev.sluice.runtime.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/runtime-socket.md describes every command of the runtime API, at the level it has. */
class AdminDocsTest {

    @Test
    void everyCommandIsDocumented() throws Exception {
        String doc = Files.readString(Path.of("../docs/runtime-socket.md"));
        try (AdminFixture f = new AdminFixture()) {
            f.start("""
                    frontend www
                        bind 127.0.0.1:0
                    """);
            List<Command> commands = f.admin.commands();
            assertThat(commands).hasSizeGreaterThan(15);
            for (Command c : commands) {
                assertThat(doc).as(c.usage()).contains("`" + String.join(" ", c.keywords()));
            }
        }
    }
}
