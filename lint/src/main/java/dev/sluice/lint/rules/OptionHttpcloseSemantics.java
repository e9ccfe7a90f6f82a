package dev.sluice.lint.rules;

import dev.sluice.grammar.ast.Directive;
import dev.sluice.grammar.ast.Section;
import dev.sluice.lint.Family;
import dev.sluice.lint.Findings;
import dev.sluice.lint.LintContext;
import dev.sluice.lint.Rule;
import dev.sluice.lint.RuleMeta;
import dev.sluice.lint.Severity;

/**
 * {@code option httpclose} or {@code option http-server-close}, often copied from HAProxy 1.x
 * configurations where connections were closed by default. Since HAProxy 2.0 keeps connections
 * alive on both sides and reuses server connections; these options now close connections that
 * would otherwise be reused.
 */
public final class OptionHttpcloseSemantics implements Rule {

    private static final RuleMeta META = new RuleMeta("option-httpclose-semantics", Severity.INFO,
            Family.DEPRECATION,
            "option httpclose or http-server-close closes connections HAProxy 2.x would keep alive");

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
            for (Directive d : s.directives()) {
                if (!d.keyword().equals("option")) {
                    continue;
                }
                switch (d.arg(1)) {
                    case "httpclose" -> findings.report(d, "'option httpclose' in " + RuleLines.describe(s)
                            + " closes both the client and the server connection after each response, whereas"
                            + " HAProxy keeps both alive by default since 2.0: remove it unless every connection"
                            + " must close");
                    case "http-server-close" -> findings.report(d, "'option http-server-close' in "
                            + RuleLines.describe(s) + " closes the server connection after each response, so"
                            + " server connections are never reused (HAProxy keeps them alive and shares them by"
                            + " default since 2.0): remove it unless the servers require it");
                    default -> { }
                }
            }
        }
    }
}
