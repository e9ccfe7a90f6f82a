package dev.sluice.lint.rules;

import dev.sluice.compiler.plan.Condition;
import dev.sluice.grammar.ast.Directive;
import dev.sluice.grammar.ast.Section;
import dev.sluice.lint.Family;
import dev.sluice.lint.Findings;
import dev.sluice.lint.LintContext;
import dev.sluice.lint.ProxyView;
import dev.sluice.lint.Rule;
import dev.sluice.lint.RuleMeta;
import dev.sluice.lint.Severity;
import java.util.Optional;

/**
 * {@code stats admin} on a statistics page that asks for no password: anyone reaching it can put
 * servers in maintenance, drain them or change their weight. An admin condition on the client's
 * address ({@code stats admin if LOCALHOST}) is accepted as a restriction.
 */
public final class StatsAdminWithoutAuth implements Rule {

    private static final RuleMeta META = new RuleMeta("stats-admin-without-auth", Severity.ERROR, Family.SECURITY,
            "The statistics page's admin mode is enabled without authentication");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(LintContext context, Findings findings) {
        for (ProxyView proxy : context.model().proxies()) {
            Optional<StatsWithoutAuth.Exposure> page = StatsWithoutAuth.exposure(context, proxy);
            if (page.isEmpty() || page.get().authenticated() || page.get().page().admin().isEmpty()) {
                continue;
            }
            boolean bySource = page.get().page().admin().stream().allMatch(StatsAdminWithoutAuth::bySource);
            if (bySource) {
                continue;
            }
            findings.report(adminLine(proxy).map(Directive::span).orElse(proxy.span()),
                    "'stats admin' in " + proxy.type() + " '" + proxy.name() + "' lets anyone reaching "
                            + page.get().where() + " disable servers or change their weight without a password");
        }
    }

    /** True when every way the condition can match requires a test of the client's address. */
    private static boolean bySource(Condition c) {
        if (c.unless() || c.or().isEmpty()) {
            return false;
        }
        return c.or().stream().allMatch(group -> group.stream().anyMatch(t -> !t.negated()
                && ConditionWalk.matches(t).stream().allMatch(ConditionWalk::testsSource)
                && !ConditionWalk.matches(t).isEmpty()));
    }

    private static Optional<Directive> adminLine(ProxyView proxy) {
        Optional<Directive> own = proxy.first("stats", "admin");
        if (own.isPresent()) {
            return own;
        }
        for (Section d : proxy.defaults()) {
            Optional<Directive> inherited = ProxyView.matching(d, "stats", "admin").stream().findFirst();
            if (inherited.isPresent()) {
                return inherited;
            }
        }
        return Optional.empty();
    }
}
