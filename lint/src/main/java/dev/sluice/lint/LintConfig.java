package dev.sluice.lint;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.sluice.grammar.ast.SourceSpan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The lint configuration, {@code .sluice-lint.yaml}: which rules run and at which severity, and
 * the defaults of {@code --fail-on} and {@code --target-version}.
 *
 * <pre>
 * fail-on: warning
 * target-version: "2.6"
 * rules:
 *   server-without-check: off      # off, on, error, warning or info
 *   stats-weak-password: error
 * </pre>
 *
 * @param file where it was read from; empty for the built-in configuration
 * @param rules per rule id: {@code off}, {@code on} (its default severity) or the severity it is
 *     re-graded to ({@code error}, {@code warning}, {@code info}); a rule not named keeps its
 *     default severity
 * @param ruleLines per rule id, where the file names it (for reporting unknown ids)
 * @param failOn the {@code fail-on} setting, when given
 * @param targetVersion the {@code target-version} setting, when given
 */
public record LintConfig(Optional<Path> file, Map<String, String> rules, Map<String, Integer> ruleLines,
        Optional<Severity> failOn, Optional<String> targetVersion) {

    public static final List<String> FILE_NAMES = List.of(".sluice-lint.yaml", ".sluice-lint.yml");

    /** No file: every rule at its default severity. */
    public static final LintConfig DEFAULT = new LintConfig(Optional.empty(), Map.of(), Map.of(), Optional.empty(),
            Optional.empty());

    public LintConfig {
        rules = Map.copyOf(rules);
        ruleLines = Map.copyOf(ruleLines);
    }

    /** A configuration file that cannot be used, with a message naming the file and line. */
    public static final class Invalid extends Exception {

        public Invalid(String message) {
            super(message);
        }
    }

    /** The nearest {@code .sluice-lint.yaml} in {@code dir} or a directory above it. */
    public static Optional<Path> find(Path dir) {
        for (Path d = dir.toAbsolutePath().normalize(); d != null; d = d.getParent()) {
            for (String name : FILE_NAMES) {
                Path candidate = d.resolve(name);
                if (Files.isRegularFile(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** Reads and validates {@code file}. */
    public static LintConfig read(Path file) throws Invalid {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new Invalid(file + ": cannot read: " + e.getMessage());
        }
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(text);
        } catch (JacksonException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new Invalid(file + (line > 0 ? ":" + line : "") + ": not valid YAML: " + e.getOriginalMessage());
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return new LintConfig(Optional.of(file), Map.of(), Map.of(), Optional.empty(), Optional.empty());
        }
        if (!root.isObject()) {
            throw new Invalid(file + ": expected a mapping with 'rules', 'fail-on' or 'target-version'");
        }
        String[] lines = text.split("\n", -1);
        Map<String, String> rules = new LinkedHashMap<>();
        Map<String, Integer> ruleLines = new LinkedHashMap<>();
        Optional<Severity> failOn = Optional.empty();
        Optional<String> target = Optional.empty();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            int line = lineOf(lines, e.getKey(), 0);
            switch (e.getKey()) {
                case "fail-on" -> failOn = Optional.of(Severity.parse(e.getValue().asText()).orElseThrow(
                        () -> new Invalid(at(file, line) + "fail-on: expected error, warning or info, not '"
                                + e.getValue().asText() + "'")));
                case "target-version" -> target = Optional.of(e.getValue().asText());
                case "rules" -> {
                    if (!e.getValue().isObject()) {
                        throw new Invalid(at(file, line) + "rules: expected a mapping of rule ids to off, on, "
                                + "error, warning or info");
                    }
                    for (Iterator<Map.Entry<String, JsonNode>> r = e.getValue().fields(); r.hasNext();) {
                        Map.Entry<String, JsonNode> rule = r.next();
                        int ruleLine = lineOf(lines, rule.getKey(), line);
                        rules.put(rule.getKey(), setting(file, ruleLine, rule.getKey(), rule.getValue()));
                        ruleLines.put(rule.getKey(), ruleLine);
                    }
                }
                default -> throw new Invalid(at(file, line) + "unknown setting '" + e.getKey()
                        + "' (expected rules, fail-on or target-version)");
            }
        }
        return new LintConfig(Optional.of(file), rules, ruleLines, failOn, target);
    }

    /** The severity a rule runs at, or empty when it is off. */
    public Optional<Severity> severityOf(RuleMeta rule) {
        String set = rules.getOrDefault(rule.id(), "on");
        return switch (set) {
            case "off" -> Optional.empty();
            case "on" -> Optional.of(rule.severity());
            default -> Severity.parse(set);
        };
    }

    /** The rule ids this file names that are not in {@code known}, with where it names them. */
    public List<Finding> unknownRules(java.util.Set<String> known) {
        List<Finding> found = new ArrayList<>();
        for (String id : rules.keySet()) {
            if (!known.contains(id)) {
                String where = file.map(Path::toString).orElse(".sluice-lint.yaml");
                found.add(new Finding(MetaRules.UNKNOWN_RULE.id(), MetaRules.UNKNOWN_RULE.severity(),
                        SourceSpan.ofLine(where, Math.max(1, ruleLines.getOrDefault(id, 1))),
                        "unknown rule '" + id + "' in the lint configuration" + MetaRules.didYouMean(id, known),
                        Optional.empty()));
            }
        }
        return found;
    }

    private static String setting(Path file, int line, String id, JsonNode value) throws Invalid {
        if (value.isBoolean()) {
            return value.asBoolean() ? "on" : "off";
        }
        String v = value.asText().trim().toLowerCase(java.util.Locale.ROOT);
        return switch (v) {
            case "off", "false", "no", "disable", "disabled" -> "off";
            case "on", "true", "yes", "enable", "enabled" -> "on";
            default -> Severity.parse(v).map(Severity::id).orElseThrow(() -> new Invalid(at(file, line) + id
                    + ": expected off, on, error, warning or info, not '" + value.asText() + "'"));
        };
    }

    private static String at(Path file, int line) {
        return file + (line > 0 ? ":" + line : "") + ": ";
    }

    /** The 1-based line after {@code after} where {@code key:} starts, or 0 when none does. */
    private static int lineOf(String[] lines, String key, int after) {
        for (int i = after; i < lines.length; i++) {
            String t = lines[i].trim();
            if (t.startsWith(key + ":") || t.startsWith("\"" + key + "\":") || t.startsWith("'" + key + "':")) {
                return i + 1;
            }
        }
        return 0;
    }
}
