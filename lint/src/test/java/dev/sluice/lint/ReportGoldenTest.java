package dev.sluice.lint;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.sluice.grammar.ast.SourceSpan;
import dev.sluice.lint.report.GithubReport;
import dev.sluice.lint.report.JsonReport;
import dev.sluice.lint.report.SarifReport;
import dev.sluice.lint.report.TextReport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Each report format on the same findings, against golden files in
 * {@code src/test/resources/report/} ({@code -Dgolden.update=true} rewrites them for review), and
 * the SARIF log against the SARIF 2.1.0 schema.
 */
class ReportGoldenTest {

    static final Path GOLDEN = Path.of("src/test/resources/report");

    static final List<Finding> FINDINGS = List.of(
            new Finding("server-without-check", Severity.WARNING, new SourceSpan("conf/haproxy.cfg", 12, 5),
                    "server 'web/web2' has no 'check': it keeps receiving traffic when it is down", Optional.empty()),
            new Finding("stats-weak-password", Severity.ERROR, new SourceSpan("conf/haproxy.cfg", 30, 16),
                    "stats page user 'admin' has a placeholder or common password", Optional.empty()),
            new Finding("removed-keyword", Severity.ERROR, new SourceSpan("conf/legacy, old.cfg", 4, 5),
                    "'contimeout' was removed: use 'timeout connect' (100% sure)",
                    Optional.of(new Fix("'contimeout' -> 'timeout connect'",
                            List.of(new Fix.Edit("conf/legacy, old.cfg", 4, 5, 10, "timeout connect"))))),
            new Finding("not-compiled", Severity.INFO, new SourceSpan("/etc/haproxy/other.cfg", 1, 1),
                    "rules that need the compiled configuration were skipped: line one\nline two", Optional.empty()));

    static final List<RuleMeta> RULES = List.of(
            new RuleMeta("server-without-check", Severity.WARNING, Family.RELIABILITY, "A server has no health check"),
            new RuleMeta("stats-weak-password", Severity.ERROR, Family.SECURITY, "A weak stats password"),
            new RuleMeta("removed-keyword", Severity.ERROR, Family.DEPRECATION, "A removed keyword"),
            MetaRules.NOT_COMPILED);

    @Test
    void text() throws IOException {
        golden("findings.txt", TextReport.render(FINDINGS, false));
    }

    @Test
    void textInColour() throws IOException {
        golden("findings.ansi", TextReport.render(FINDINGS, true));
    }

    @Test
    void json() throws IOException {
        golden("findings.json", JsonReport.render(FINDINGS));
    }

    @Test
    void github() throws IOException {
        golden("findings.github", GithubReport.render(FINDINGS));
    }

    @Test
    void sarif() throws IOException {
        String sarif = SarifReport.render(FINDINGS, RULES, "0.1.0-SNAPSHOT", Path.of(""));
        String root = Path.of("").toAbsolutePath().normalize().toUri().toString();
        golden("findings.sarif", sarif.replace(root, "file:///ROOT/"));
    }

    @Test
    void summary() {
        assertThat(TextReport.summary(FINDINGS)).isEqualTo("2 errors, 1 warning, 1 info");
    }

    @Test
    void sarifIsValidAgainstTheSchema() throws IOException {
        String sarif = SarifReport.render(FINDINGS, BuiltInRules.metas(), "0.1.0-SNAPSHOT", Path.of(""));
        assertThat(validateSarif(sarif)).isEmpty();
    }

    @Test
    void theSchemaCheckCatchesAnInvalidLog() throws IOException {
        String sarif = SarifReport.render(FINDINGS, RULES, "0.1.0", Path.of(""))
                .replace("\"startLine\" : 12", "\"startLine\" : 0")
                .replace("\"level\" : \"warning\"", "\"level\" : \"loud\"");
        assertThat(validateSarif(sarif)).hasSizeGreaterThanOrEqualTo(2);
    }

    /** The schema's complaints about {@code sarif}. */
    static Set<ValidationMessage> validateSarif(String sarif) throws IOException {
        try (InputStream schema = ReportGoldenTest.class.getResourceAsStream("/schema/sarif-schema-2.1.0.json")) {
            assertThat(schema).as("the SARIF schema on the test class path").isNotNull();
            JsonSchema s = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(schema);
            JsonNode log = new ObjectMapper().readTree(sarif);
            return s.validate(log);
        }
    }

    static void golden(String name, String actual) throws IOException {
        Path file = GOLDEN.resolve(name);
        if (Boolean.getBoolean("golden.update") || !Files.exists(file)) {
            Files.writeString(file, actual, StandardCharsets.UTF_8);
            if (!Boolean.getBoolean("golden.update")) {
                throw new AssertionError("wrote missing golden file " + file + "; review it and run again");
            }
        }
        assertThat(actual).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    }
}
