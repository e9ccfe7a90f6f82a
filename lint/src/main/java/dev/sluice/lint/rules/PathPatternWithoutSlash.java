package dev.sluice.lint.rules;

import dev.sluice.grammar.ast.Section;
import dev.sluice.grammar.ast.Word;
import dev.sluice.lint.Family;
import dev.sluice.lint.Findings;
import dev.sluice.lint.LintContext;
import dev.sluice.lint.Rule;
import dev.sluice.lint.RuleMeta;
import dev.sluice.lint.Severity;
import dev.sluice.lint.rules.AclExprs.Criterion;
import dev.sluice.lint.rules.AclExprs.Use;
import java.util.Set;

/**
 * An exact or prefix match of the request path ({@code path}, {@code path_beg}, {@code pathq},
 * {@code -m str} / {@code -m beg}) against a pattern that does not start with {@code /}: a path
 * always does, so the pattern never matches. The same goes for {@code url} and {@code url_beg},
 * whose value starts with {@code /} unless the request carries an absolute URI ({@code *}, the
 * target of {@code OPTIONS *}, is left out too). Patterns matched
 * by directory ({@code path_dir}), suffix, substring or regex are left out.
 */
public final class PathPatternWithoutSlash implements Rule {

    private static final RuleMeta META = new RuleMeta("path-pattern-without-slash", Severity.WARNING,
            Family.CORRECTNESS, "A path pattern does not start with '/', so it never matches");

    private static final Set<String> KEEP_SLASH = Set.of("lower", "upper", "url_dec");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(LintContext context, Findings findings) {
        for (Section s : (Iterable<Section>) context.config().sections()::iterator) {
            if (!RuleLines.PROXY_SECTIONS.contains(s.type())) {
                continue;
            }
            for (Use use : AclExprs.all(s)) {
                Criterion c = AclExprs.criterion(use.expr(), context.catalog());
                boolean path = c.fetch().equals("path") || c.fetch().equals("pathq");
                boolean url = c.fetch().equals("url");
                if (!path && !url || !c.method().equals("str") && !c.method().equals("beg")
                        || c.converters().stream().anyMatch(v -> !KEEP_SLASH.contains(v.name()))) {
                    continue;
                }
                for (Word p : c.patterns()) {
                    String v = p.value();
                    if (v.isEmpty() || v.startsWith("/") || v.equals("*") || url && v.contains("://")) {
                        continue;
                    }
                    findings.report(p, use.describe() + " compares the " + (path ? "path" : "URL") + " with '"
                            + c.keyword() + "' to '" + v + "', which never matches: " + (path ? "a path" : "a URL")
                            + " starts with '/'");
                }
            }
        }
    }
}
