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
 * End-of-configuration checks the live comparison of fixtures cannot hold: messages without a
 * line (it compares the lines named), and cases whose HAProxy output also holds a warning Sluice
 * does not give yet ({@code 'default_backend' ignored because backend 'be' has no frontend
 * capability}). The expected texts are HAProxy 2.6.12's.
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

    private static List<String> warnings(CheckResult r) {
        return r.diagnostics().stream().filter(d -> d.severity() == Severity.WARNING).map(Diagnostic::message).toList();
    }

    @Test
    void httpRulesOfAProxyNotInHttpModeAreIgnoredWithAWarningPerList() throws IOException {
        String timeouts = "defaults\n    timeout connect 5s\n    timeout client 5s\n    timeout server 5s\n";
        CheckResult r = check(timeouts
                + "frontend fe\n    mode tcp\n    bind 127.0.0.1:8999\n    http-request set-header X-A a\n"
                + "    http-response set-header X-B b\n    http-after-response set-header X-C c\n"
                + "    redirect location /x\n    default_backend app\n"
                + "frontend up\n    mode tcp\n    bind 127.0.0.1:9000\n    tcp-request content switch-mode http\n"
                + "    http-request set-header X-A a\n    default_backend app\n"
                + "backend app\n    mode tcp\n    http-request set-header X-A a\n    http-response set-header X-B b\n"
                + "    server s1 127.0.0.1:80\n");
        assertThat(r.verdict()).isEqualTo(CheckResult.Verdict.VALID);
        assertThat(warnings(r)).containsExactly(
                "'http-request' rules ignored for frontend 'fe' as they require HTTP mode.",
                "'http-response' rules ignored for frontend 'fe' as they require HTTP mode.",
                "'http-after-response' rules ignored for frontend 'fe' as they require HTTP mode.",
                "'redirect' rules ignored for frontend 'fe' as they require HTTP mode.",
                "'http-request' rules ignored for backend 'app' as they require HTTP mode.",
                "'http-response' rules ignored for backend 'app' as they require HTTP mode.");
    }
}
