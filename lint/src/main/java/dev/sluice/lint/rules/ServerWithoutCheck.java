package dev.sluice.lint.rules;

import dev.sluice.compiler.plan.Backend;
import dev.sluice.compiler.plan.Server;
import dev.sluice.lint.Family;
import dev.sluice.lint.Findings;
import dev.sluice.lint.LintContext;
import dev.sluice.lint.ProxyView;
import dev.sluice.lint.Rule;
import dev.sluice.lint.RuleMeta;
import dev.sluice.lint.Severity;

/**
 * A server that is never health-checked keeps receiving traffic after it dies. Servers whose
 * destination is chosen per request ({@code 0.0.0.0}) or that connect to HAProxy themselves
 * ({@code rhttp@}) cannot be checked and are left alone.
 */
public final class ServerWithoutCheck implements Rule {

    private static final RuleMeta META = new RuleMeta("server-without-check", Severity.WARNING, Family.RELIABILITY,
            "A server has no health check, so traffic keeps going to it when it is down");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(LintContext context, Findings findings) {
        for (ProxyView proxy : context.model().compiledBackends()) {
            Backend backend = proxy.backend().orElseThrow();
            for (Server server : backend.servers()) {
                if (!server.check().enabled() && !server.disabled() && !Reach.isDynamic(server.address())) {
                    proxy.serverLine(server.name()).ifPresent(line -> findings.report(line,
                            "server '" + backend.name() + "/" + server.name()
                                    + "' has no 'check': it keeps receiving traffic when it is down"));
                }
            }
        }
    }
}
