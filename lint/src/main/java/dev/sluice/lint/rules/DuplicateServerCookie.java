package dev.sluice.lint.rules;

import dev.sluice.grammar.ast.Directive;
import dev.sluice.lint.Family;
import dev.sluice.lint.Findings;
import dev.sluice.lint.LintContext;
import dev.sluice.lint.ProxyView;
import dev.sluice.lint.Rule;
import dev.sluice.lint.RuleMeta;
import dev.sluice.lint.Severity;
import java.util.HashMap;
import java.util.Map;

/**
 * Two servers of one backend with the same {@code cookie} value. HAProxy accepts it silently; a
 * client carrying that value always goes to the first of them, so the second never gets
 * persistent clients (and gets them all when the first is down).
 */
public final class DuplicateServerCookie implements Rule {

    private static final RuleMeta META = new RuleMeta("duplicate-server-cookie", Severity.WARNING,
            Family.CORRECTNESS, "Two servers of a backend have the same persistence cookie value");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(LintContext context, Findings findings) {
        for (ProxyView p : context.model().backends()) {
            Map<String, Directive> seen = new HashMap<>();
            for (Directive d : p.own("server")) {
                for (int i = 3; i + 1 < d.words().size(); i++) {
                    if (!d.arg(i).equals("cookie")) {
                        continue;
                    }
                    String value = d.arg(i + 1);
                    Directive first = seen.putIfAbsent(value, d);
                    if (first != null) {
                        findings.report(d.words().get(i + 1), "server '" + p.name() + "/" + d.arg(1)
                                + "' has the same cookie value '" + value + "' as server '" + first.arg(1)
                                + "' on line " + first.span().line() + ", so clients carrying it all go to '"
                                + first.arg(1) + "'");
                    }
                    break;
                }
            }
        }
    }
}
