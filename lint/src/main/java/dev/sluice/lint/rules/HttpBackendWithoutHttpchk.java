package dev.sluice.lint.rules;

import dev.sluice.compiler.plan.Backend;
import dev.sluice.lint.Family;
import dev.sluice.lint.Findings;
import dev.sluice.lint.LintContext;
import dev.sluice.lint.ProxyView;
import dev.sluice.lint.Rule;
import dev.sluice.lint.RuleMeta;
import dev.sluice.lint.Severity;

/**
 * An HTTP backend whose servers are checked, but only by opening a TCP connection: a server whose
 * application answers 500 or hangs still passes.
 */
public final class HttpBackendWithoutHttpchk implements Rule {

    private static final RuleMeta META = new RuleMeta("http-backend-without-httpchk", Severity.INFO,
            Family.RELIABILITY, "An HTTP backend checks its servers with TCP connects only, not HTTP requests");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(LintContext context, Findings findings) {
        for (ProxyView proxy : context.model().compiledBackends()) {
            Backend backend = proxy.backend().orElseThrow();
            if (!backend.mode().equals("http") || !backend.healthCheck().type().equals("tcp")) {
                continue;
            }
            boolean checked = backend.servers().stream().anyMatch(s -> s.check().enabled() && !s.disabled());
            if (!checked) {
                continue;
            }
            boolean ignoredRules = backend.healthCheck().rules().stream()
                    .anyMatch(r -> r.kind().equals("http-check"));
            findings.report(proxy.section(), proxy.type() + " '" + backend.name()
                    + "' checks its servers by TCP connect only"
                    + (ignoredRules ? " (its 'http-check' lines are ignored without 'option httpchk')" : "")
                    + ": add 'option httpchk' so that a server whose application fails leaves the rotation");
        }
    }
}
