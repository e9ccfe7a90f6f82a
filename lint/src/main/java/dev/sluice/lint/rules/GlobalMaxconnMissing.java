package dev.sluice.lint.rules;

import dev.sluice.grammar.ast.Section;
import dev.sluice.lint.Family;
import dev.sluice.lint.Findings;
import dev.sluice.lint.LintContext;
import dev.sluice.lint.Rule;
import dev.sluice.lint.RuleMeta;
import dev.sluice.lint.Severity;
import java.util.List;

/**
 * A {@code global} section without {@code maxconn}: HAProxy then derives the limit from the file
 * descriptor limit it starts with. A configuration without a global section is left alone: it is
 * likely one file of several.
 */
public final class GlobalMaxconnMissing implements Rule {

    private static final RuleMeta META = new RuleMeta("global-maxconn-missing", Severity.WARNING, Family.RELIABILITY,
            "The global section sets no maxconn, so the connection limit depends on the environment");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(LintContext context, Findings findings) {
        List<Section> globals = context.model().sections("global");
        if (globals.isEmpty() || !context.model().global("maxconn").isEmpty()) {
            return;
        }
        findings.report(globals.get(0), "the global section sets no 'maxconn': HAProxy derives the process's"
                + " connection limit from the file descriptor limit it is started with, which may be far too low or"
                + " exhaust memory under load");
    }
}
