package dev.sluice.lint.rules;

import dev.sluice.grammar.ast.Section;
import dev.sluice.lint.Family;
import dev.sluice.lint.Findings;
import dev.sluice.lint.LintContext;
import dev.sluice.lint.Rule;
import dev.sluice.lint.RuleMeta;
import dev.sluice.lint.Severity;
import dev.sluice.lint.rules.RuleLines.RuleLine;
import java.util.List;

/**
 * A request rule written after a rule that HAProxy evaluates later. HAProxy runs the request rules
 * of a section by kind, whatever their order in the file: {@code tcp-request connection},
 * {@code tcp-request session}, {@code tcp-request content}, {@code monitor fail},
 * {@code http-request}, {@code redirect}, {@code use_backend}, {@code use-server}. (The response
 * side has an order too, but placing {@code http-after-response} lines before {@code http-response}
 * ones is common and harmless, so it is not checked.)
 */
public final class RuleOrderMismatch implements Rule {

    private static final RuleMeta META = new RuleMeta("rule-order-mismatch", Severity.WARNING, Family.CORRECTNESS,
            "Rules are written in an order that differs from the order HAProxy evaluates them in");

    private static final List<String> REQUEST = List.of("tcp-request connection", "tcp-request session",
            "tcp-request content", "monitor fail", "http-request", "redirect", "use_backend", "use-server");

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
            RuleLine before = null;
            for (RuleLine r : RuleLines.rules(s)) {
                if (!REQUEST.contains(r.set())) {
                    continue;
                }
                if (before != null && REQUEST.indexOf(before.set()) > REQUEST.indexOf(r.set())) {
                    findings.report(r.directive(), "this " + r.set() + " rule is written after the "
                            + before.set() + " rule on line " + before.directive().span().line()
                            + ", but HAProxy evaluates every " + r.set() + " rule of " + RuleLines.describe(s)
                            + " before any " + before.set() + " rule");
                } else if (before == null || REQUEST.indexOf(r.set()) > REQUEST.indexOf(before.set())) {
                    before = r;
                }
            }
        }
    }
}
