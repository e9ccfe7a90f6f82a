package dev.sluice.lint.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.lint.Finding;
import dev.sluice.lint.RuleDocs;
import dev.sluice.lint.RuleMeta;
import dev.sluice.lint.Severity;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A SARIF 2.1.0 log with one run: the tool's rules (id, summary, help from the rule's page,
 * default level, family as a tag) and one result per finding, located by file, line and column.
 * File names are written relative to {@code base} when they are under it (with the
 * {@code %SRCROOT%} base id, as code-scanning services expect), as absolute URIs otherwise.
 */
public final class SarifReport {

    static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

    private SarifReport() {
    }

    public static String render(List<Finding> findings, List<RuleMeta> rules, String version, Path base) {
        ObjectNode log = JsonReport.MAPPER.createObjectNode();
        log.put("$schema", SCHEMA);
        log.put("version", "2.1.0");
        ObjectNode run = log.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "sluice-lint");
        driver.put("version", version);
        driver.put("semanticVersion", version.replaceAll("[^0-9.].*$", ""));
        ArrayNode rulesNode = driver.putArray("rules");
        Map<String, Integer> index = new HashMap<>();
        for (RuleMeta r : rules) {
            index.put(r.id(), index.size());
            ObjectNode rule = rulesNode.addObject();
            rule.put("id", r.id());
            rule.put("name", camel(r.id()));
            rule.putObject("shortDescription").put("text", r.summary());
            String page = RuleDocs.markdown(r.id()).orElse(r.summary());
            rule.putObject("fullDescription").put("text", firstParagraph(page, r.summary()));
            ObjectNode help = rule.putObject("help");
            help.put("text", page);
            help.put("markdown", page);
            rule.putObject("defaultConfiguration").put("level", level(r.severity()));
            rule.putObject("properties").putArray("tags").add(r.family().id());
        }
        Path root = base.toAbsolutePath().normalize();
        ObjectNode baseIds = run.putObject("originalUriBaseIds");
        baseIds.putObject("%SRCROOT%").put("uri", root.toUri().toString());
        ArrayNode results = run.putArray("results");
        for (Finding f : findings) {
            ObjectNode result = results.addObject();
            result.put("ruleId", f.rule());
            Integer i = index.get(f.rule());
            if (i != null) {
                result.put("ruleIndex", i);
            }
            result.put("level", level(f.severity()));
            result.putObject("message").put("text", f.message());
            ObjectNode physical = result.putArray("locations").addObject().putObject("physicalLocation");
            ObjectNode artifact = physical.putObject("artifactLocation");
            Path file = Path.of(f.span().file()).toAbsolutePath().normalize();
            if (file.startsWith(root)) {
                artifact.put("uri", relativeUri(root.relativize(file).toString().replace('\\', '/')));
                artifact.put("uriBaseId", "%SRCROOT%");
            } else {
                artifact.put("uri", file.toUri().toString());
            }
            ObjectNode region = physical.putObject("region");
            region.put("startLine", f.span().line());
            region.put("startColumn", f.span().column());
        }
        return JsonReport.write(log);
    }

    /** A relative path as a URI reference: spaces and other reserved characters percent-encoded. */
    static String relativeUri(String path) {
        try {
            return new java.net.URI(null, null, path, null).getRawPath();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException(path, e);
        }
    }

    static String level(Severity s) {
        return switch (s) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case INFO -> "note";
        };
    }

    /** {@code server-without-check} becomes {@code ServerWithoutCheck}. */
    static String camel(String id) {
        StringBuilder b = new StringBuilder();
        for (String part : id.split("-")) {
            if (!part.isEmpty()) {
                b.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return b.toString();
    }

    /** The first paragraph of the page after its title, or {@code fallback}. */
    static String firstParagraph(String markdown, String fallback) {
        for (String para : markdown.split("\n\\s*\n")) {
            String p = para.strip();
            if (!p.isEmpty() && !p.startsWith("#") && !p.startsWith("```") && !p.startsWith("|")
                    && !p.startsWith("**Severity")) {
                return p.replace('\n', ' ');
            }
        }
        return fallback;
    }
}
