package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.cli.render.RenderError;
import dev.sluice.cli.render.RenderedConfig;
import dev.sluice.cli.render.Renderer;
import dev.sluice.cli.render.Rendering;
import dev.sluice.cli.render.Values;
import dev.sluice.compiler.CheckOptions;
import dev.sluice.compiler.CheckResult;
import dev.sluice.compiler.Checker;
import dev.sluice.grammar.ConfigLoader;
import dev.sluice.grammar.HaproxyVersion;
import dev.sluice.grammar.ParseOptions;
import dev.sluice.grammar.diag.Severity;
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
 * Templates of the kind Ansible roles ship for HAProxy, each in {@code
 * src/test/resources/render/roles/NAME/} with plausible {@code vars.yml}: each renders strictly,
 * the result passes the check (offline: certificates and error pages are not on this machine)
 * with neither error nor warning, on HAProxy 2.6 and on the default version, and equals
 * {@code expected.cfg} ({@code -Dgolden.update=true} rewrites it, for review).
 */
class AnsibleRoleTemplatesTest {

    private static final boolean UPDATE = Boolean.getBoolean("golden.update");
    private static final Path DIR = Path.of("src/test/resources/render/roles").toAbsolutePath();

    static Stream<String> roles() throws IOException {
        try (Stream<Path> s = Files.list(DIR)) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }

    @Test
    void thereAreTwenty() throws IOException {
        assertThat(roles().count()).isGreaterThanOrEqualTo(20);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("roles")
    void rendersAndPassesTheCheck(String name) throws Exception {
        Path dir = DIR.resolve(name);
        Path template = dir.resolve("haproxy.cfg.j2");
        Rendering rendering = new Renderer(new Renderer.Options(true, Map.of()))
                .render(template, Values.load(dir.resolve("vars.yml")));
        assertThat(rendering.errors()).extracting(RenderError::toString).isEmpty();
        RenderedConfig config = RenderedConfig.of(name + ".cfg", rendering);

        for (HaproxyVersion version : List.of(HaproxyVersion.V2_6, HaproxyVersion.DEFAULT)) {
            ParseOptions parse = ParseOptions.defaults().withVersion(version).withEnv(Map.of());
            CheckOptions options = CheckOptions.of(parse).withOffline(true);
            CheckResult result = new Checker(options, Keywords.forVersion(version))
                    .check(ConfigLoader.parse(config.name(), config.text(), parse));
            List<String> findings = result.diagnostics().stream()
                    .filter(d -> d.severity() == Severity.ALERT || d.severity() == Severity.WARNING)
                    .map(d -> RenderCommand.located(d, config, template.toString()))
                    .toList();
            assertThat(findings).as("findings on HAProxy %s", version).isEmpty();
            assertThat(result.verdict()).isEqualTo(CheckResult.Verdict.VALID);
        }

        Path expected = dir.resolve("expected.cfg");
        if (UPDATE) {
            Files.writeString(expected, rendering.text(), StandardCharsets.UTF_8);
            return;
        }
        assertThat(expected).as("missing %s: run with -Dgolden.update=true and review it", expected).exists();
        assertThat(rendering.text()).isEqualTo(Files.readString(expected, StandardCharsets.UTF_8));
    }
}
