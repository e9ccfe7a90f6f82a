package dev.sluice.compiler.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.compiler.CheckOptions;
import dev.sluice.compiler.CheckResult;
import dev.sluice.compiler.Checker;
import dev.sluice.compiler.catalog.CatalogOracle;
import dev.sluice.grammar.HaproxyVersion;
import dev.sluice.grammar.ParseOptions;
import dev.sluice.grammar.diag.Diagnostic;
import dev.sluice.grammar.diag.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End-of-configuration checks whose HAProxy output also holds a warning Sluice does not give yet
 * ({@code 'default_backend' ignored because backend 'be' has no frontend capability}), so the live
 * comparison of fixtures, which compares warnings too, cannot hold them.
 */
class ValidityPassTest {

    @TempDir
    Path dir;

    private static final String DEFAULTS = "defaults\n    mode http\n    timeout connect 5s\n    timeout client 5s\n"
            + "    timeout server 5s\nfrontend fe\n    bind 127.0.0.1:8999\n    default_backend be\n";

    private CheckResult check(String text) throws IOException {
        Path cfg = dir.resolve("t.cfg");
        Files.writeString(cfg, text);
        CheckOptions options = CheckOptions.of(ParseOptions.defaults().withVersion(HaproxyVersion.V2_6)
                .withEnv(Map.of())).withWorkDir(dir);
        return new Checker(options, CatalogOracle.forVersion(HaproxyVersion.V2_6)).check(List.of(cfg.toString()));
    }

    private static List<String> alerts(CheckResult r) {
        return r.diagnostics().stream().filter(d -> d.severity() == Severity.ALERT).map(Diagnostic::message).toList();
    }

    @Test
    void aBackendsOwnDefaultBackendIsResolvedAsHaproxyDoes() throws IOException {
        CheckResult missing = check(DEFAULTS + "backend be\n    default_backend nowhere\n    server s 127.0.0.1:80\n");
        assertThat(missing.verdict()).isEqualTo(CheckResult.Verdict.INVALID);
        assertThat(alerts(missing)).contains("Proxy 'be': unable to find required default_backend: 'nowhere'.");

        CheckResult loop = check(DEFAULTS + "backend be\n    default_backend be\n    server s 127.0.0.1:80\n");
        assertThat(alerts(loop)).contains("Proxy 'be': loop detected for default_backend: 'be'.");
    }
}
