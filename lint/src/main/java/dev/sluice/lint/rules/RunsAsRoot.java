package dev.sluice.lint.rules;

import dev.sluice.grammar.ast.Directive;
import dev.sluice.grammar.ast.Section;
import dev.sluice.lint.Family;
import dev.sluice.lint.Findings;
import dev.sluice.lint.LintContext;
import dev.sluice.lint.Rule;
import dev.sluice.lint.RuleMeta;
import dev.sluice.lint.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * A global section that sets no {@code user} or {@code uid}, or sets root: HAProxy, started as
 * root to bind privileged ports, keeps running as root. A configuration without a global section
 * is left alone: it is likely one file of several.
 */
public final class RunsAsRoot implements Rule {

    private static final RuleMeta META = new RuleMeta("runs-as-root", Severity.INFO, Family.SECURITY,
            "The global section sets no user, so HAProxy started as root keeps running as root");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(LintContext context, Findings findings) {
        List<Section> globals = context.model().sections("global");
        if (globals.isEmpty()) {
            return;
        }
        List<Directive> identity = new ArrayList<>(context.model().global("user"));
        identity.addAll(context.model().global("uid"));
        if (identity.isEmpty()) {
            findings.report(globals.get(0), "the global section sets no 'user' (or 'uid'): started as root,"
                    + " HAProxy keeps root's rights, so a flaw in it gives away the whole host; add 'user haproxy'"
                    + " and 'group haproxy'");
            return;
        }
        for (Directive d : identity) {
            if (d.arg(1).equals("root") || d.arg(1).equals("0")) {
                findings.report(d, "'" + d.keyword() + " " + d.arg(1) + "' keeps HAProxy running as root, so a flaw"
                        + " in it gives away the whole host; use an unprivileged user such as 'haproxy'");
            }
        }
    }
}
