package dev.sluice.lint;

import dev.sluice.compiler.Compiler;
import dev.sluice.compiler.catalog.CatalogView;
import dev.sluice.compiler.catalog.KeywordCatalog;
import dev.sluice.compiler.plan.CompileException;
import dev.sluice.compiler.plan.Plan;
import dev.sluice.grammar.ParseResult;
import dev.sluice.grammar.ast.ConfigFile;
import dev.sluice.grammar.ast.Section;
import dev.sluice.grammar.ast.SourceSpan;
import dev.sluice.grammar.diag.Diagnostic;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Runs rules over a parsed configuration: compiles it (rules that need the compiled form get
 * nothing when it does not compile), runs every enabled rule at its configured severity, drops
 * what suppression comments silence, and sorts the findings by file, line and column.
 */
public final class Linter {

    private final List<Rule> rules;
    private final LintConfig config;

    /** A linter running {@code rules} as {@code config} grades them. */
    public Linter(List<Rule> rules, LintConfig config) {
        this.rules = List.copyOf(rules);
        this.config = Objects.requireNonNull(config, "config");
    }

    /** A linter running every built-in rule as {@code config} grades them. */
    public static Linter builtIn(LintConfig config) {
        return new Linter(BuiltInRules.ALL, config);
    }

    /** The result of one run. */
    public record Result(List<Finding> findings, Optional<Plan> plan) {

        public Result {
            findings = List.copyOf(findings);
        }

        /** True when a finding reaches {@code threshold}. */
        public boolean reaches(Severity threshold) {
            return findings.stream().anyMatch(f -> f.severity().reaches(threshold));
        }

        public boolean hasParseErrors() {
            return findings.stream().anyMatch(f -> f.rule().equals(MetaRules.PARSE_ERROR.id()));
        }
    }

    /**
     * Lints {@code parsed}, following the keyword catalog of {@code catalog}'s version. {@code
     * source} gives the text of each file the configuration was read from (for suppression
     * comments), or null when it is not available.
     */
    public Result lint(ParseResult parsed, CatalogView catalog, Function<String, String> source) {
        List<Finding> findings = new ArrayList<>();
        for (Diagnostic d : parsed.diagnostics()) {
            if (d.isError()) {
                findings.add(new Finding(MetaRules.PARSE_ERROR.id(), Severity.ERROR, d.span(), d.message(),
                        Optional.empty()));
            }
        }
        Optional<Plan> plan = Optional.empty();
        try {
            plan = Optional.of(Compiler.compile(parsed.config(), catalog.version()));
        } catch (CompileException e) {
            if (!parsed.hasErrors()) {
                findings.add(new Finding(MetaRules.NOT_COMPILED.id(), MetaRules.NOT_COMPILED.severity(), e.span(),
                        "rules that need the compiled configuration were skipped: " + e.detail(),
                        Optional.empty()));
            }
        } catch (RuntimeException e) {
            // a configuration the checker would refuse may trip the compiler: lint what was written
            SourceSpan at = parsed.config().sections().findFirst().map(Section::span)
                    .orElse(SourceSpan.ofLine(parsed.files().isEmpty() ? "-" : parsed.files().get(0), 1));
            findings.add(new Finding(MetaRules.NOT_COMPILED.id(), MetaRules.NOT_COMPILED.severity(), at,
                    "rules that need the compiled configuration were skipped: " + e.getMessage(), Optional.empty()));
        }
        LintContext context = new LintContext(parsed.config(), plan, catalog);
        for (Rule rule : rules) {
            Optional<Severity> severity = config.severityOf(rule.meta());
            if (severity.isEmpty()) {
                continue;
            }
            String id = rule.meta().id();
            Severity graded = severity.get();
            rule.check(context, (at, message, fix) -> findings.add(
                    new Finding(id, graded, at, message, Optional.ofNullable(fix))));
        }
        Set<String> known = knownIds();
        findings.addAll(config.unknownRules(known));
        List<Finding> kept = suppress(parsed, source, findings, known);
        return new Result(sorted(parsed, kept), plan);
    }

    /** Every id a comment or the configuration may name: the rules' and the linter's own. */
    public Set<String> knownIds() {
        Set<String> known = new HashSet<>();
        rules.forEach(r -> known.add(r.meta().id()));
        BuiltInRules.ALL.forEach(r -> known.add(r.meta().id()));
        MetaRules.ALL.forEach(m -> known.add(m.id()));
        return known;
    }

    private static List<Finding> suppress(ParseResult parsed, Function<String, String> source, List<Finding> findings,
            Set<String> known) {
        if (source == null) {
            return findings;
        }
        Map<String, Suppressions> byFile = new HashMap<>();
        for (ConfigFile f : parsed.config().files()) {
            String text = source.apply(f.path());
            if (text != null) {
                List<Integer> headers = f.sections().stream().map(s -> s.span().line()).sorted().toList();
                byFile.put(f.path(), Suppressions.scan(f.path(), text, headers));
            }
        }
        List<Finding> kept = new ArrayList<>();
        for (Finding finding : findings) {
            Suppressions s = byFile.get(finding.span().file());
            if (s == null || finding.rule().equals(MetaRules.PARSE_ERROR.id()) || !s.suppresses(finding)) {
                kept.add(finding);
            }
        }
        byFile.values().forEach(s -> kept.addAll(s.unknownRules(known)));
        return kept;
    }

    private static List<Finding> sorted(ParseResult parsed, List<Finding> findings) {
        Map<String, Integer> fileOrder = new LinkedHashMap<>();
        parsed.files().forEach(f -> fileOrder.putIfAbsent(f, fileOrder.size()));
        parsed.config().files().forEach(f -> fileOrder.putIfAbsent(f.path(), fileOrder.size()));
        Comparator<Finding> order = Comparator
                .comparing((Finding f) -> fileOrder.getOrDefault(f.span().file(), Integer.MAX_VALUE))
                .thenComparing(f -> f.span().file())
                .thenComparingInt(f -> f.span().line())
                .thenComparingInt(f -> f.span().column())
                .thenComparing(Finding::rule)
                .thenComparing(Finding::message);
        List<Finding> out = new ArrayList<>(new java.util.LinkedHashSet<>(findings));
        out.sort(order);
        return out;
    }

    /** The catalog view for {@code version}. */
    public static CatalogView catalog(dev.sluice.grammar.HaproxyVersion version) {
        return KeywordCatalog.get().forVersion(version);
    }
}
