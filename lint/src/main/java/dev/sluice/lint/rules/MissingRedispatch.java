package dev.sluice.lint.rules;

import dev.sluice.compiler.plan.Backend;
import dev.sluice.compiler.plan.ProxyOption;
import dev.sluice.lint.Family;
import dev.sluice.lint.Findings;
import dev.sluice.lint.LintContext;
import dev.sluice.lint.ProxyView;
import dev.sluice.lint.Rule;
import dev.sluice.lint.RuleMeta;
import dev.sluice.lint.Severity;

/**
 * A backend with several servers that retries failed connections ({@code retries}, 3 by default)
 * without {@code option redispatch}: every retry goes to the server that just failed, and a
 * client held by persistence keeps being sent to it.
 */
public final class MissingRedispatch implements Rule {

    private static final RuleMeta META = new RuleMeta("missing-redispatch", Severity.INFO, Family.RELIABILITY,
            "A backend with several servers retries failed connections on the same server (no option redispatch)");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(LintContext context, Findings findings) {
        for (ProxyView proxy : context.model().compiledBackends()) {
            Backend b = proxy.backend().orElseThrow();
            if (b.servers().size() < 2 || b.retries() == 0) {
                continue;
            }
            ProxyOption redispatch = b.options().get("redispatch");
            if (redispatch != null && redispatch.enabled()) {
                continue;
            }
            String persistence = persistence(b);
            String message = proxy.type() + " '" + b.name() + "' has " + b.servers().size() + " servers but no"
                    + " 'option redispatch': its " + b.retries() + " retries of a failed connection all go to the"
                    + " server that failed" + (persistence.isEmpty() ? "" : ", where " + persistence
                    + " sends its clients back until a health check marks it down");
            proxy.own("no", "option", "redispatch").stream().reduce((a, c) -> c).ifPresentOrElse(
                    line -> findings.report(line, message), () -> findings.report(proxy.section(), message));
        }
    }

    /** The persistence the backend uses, in words, or "" when none. */
    private static String persistence(Backend b) {
        if (b.cookie() != null) {
            return "cookie persistence";
        }
        if (!b.stickRules().isEmpty()) {
            return "stick-table persistence";
        }
        return "";
    }
}
