package dev.sluice.lint.rules;

import dev.sluice.compiler.catalog.ActionSpec;
import dev.sluice.lint.Family;
import dev.sluice.lint.Findings;
import dev.sluice.lint.LintContext;
import dev.sluice.lint.ProxyView;
import dev.sluice.lint.Rule;
import dev.sluice.lint.RuleMeta;
import dev.sluice.lint.Severity;
import dev.sluice.lint.rules.RuleLines.RuleLine;

/**
 * A {@code frontend} with {@code use_backend} rules and no {@code default_backend} (of its own or
 * from its defaults): what no rule matches gets a 503 (HTTP) or is closed (TCP). A frontend with
 * an unconditional {@code use_backend}, or an unconditional rule that answers every request, is
 * left out; a {@code listen} section is its own default.
 */
public final class MissingDefaultBackend implements Rule {

    private static final RuleMeta META = new RuleMeta("missing-default-backend", Severity.INFO, Family.CORRECTNESS,
            "A frontend has use_backend rules but no default_backend for what they do not match");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(LintContext context, Findings findings) {
        for (ProxyView fe : context.model().frontends()) {
            if (!fe.type().equals("frontend") || fe.own("use_backend").isEmpty()
                    || fe.effective("default_backend").isPresent() || !fe.own("disabled").isEmpty()) {
                continue;
            }
            boolean covered = false;
            for (RuleLine r : RuleLines.rules(fe.section())) {
                if (r.conditional()) {
                    continue;
                }
                covered |= switch (r.set()) {
                    case "use_backend", "redirect" -> true;
                    case "http-request", "tcp-request content", "tcp-request connection", "tcp-request session" ->
                            context.catalog().action(r.set(), r.action()).map(ActionSpec::isFinal).orElse(false)
                                    && !r.action().equals("allow") && !r.action().equals("accept");
                    default -> false;
                };
            }
            if (covered) {
                continue;
            }
            String outcome = fe.isHttp() ? "a request that matches none of them gets a 503"
                    : "a connection that matches none of them is closed";
            findings.report(fe.section(), "frontend '" + fe.name()
                    + "' has use_backend rules but no default_backend: " + outcome);
        }
    }
}
