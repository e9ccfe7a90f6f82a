package dev.sluice.lint.rules;

import dev.sluice.compiler.plan.Backend;
import dev.sluice.grammar.ast.Directive;
import dev.sluice.lint.Family;
import dev.sluice.lint.Findings;
import dev.sluice.lint.LintContext;
import dev.sluice.lint.ProxyView;
import dev.sluice.lint.Rule;
import dev.sluice.lint.RuleMeta;
import dev.sluice.lint.Severity;
import java.util.Optional;

/** {@code timeout server} shorter than {@code timeout connect}: usually the two values swapped. */
public final class TimeoutServerBelowConnect implements Rule {

    private static final RuleMeta META = new RuleMeta("timeout-server-below-connect", Severity.WARNING,
            Family.RELIABILITY, "The server timeout is shorter than the connect timeout");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(LintContext context, Findings findings) {
        for (ProxyView proxy : context.model().compiledBackends()) {
            Backend b = proxy.backend().orElseThrow();
            Long server = b.timeouts().serverMs();
            Long connect = b.timeouts().connectMs();
            if (server == null || connect == null || server == 0 || server >= connect) {
                continue;
            }
            Optional<Directive> serverLine = proxy.effective("timeout", "server");
            Optional<Directive> connectLine = proxy.effective("timeout", "connect");
            if (serverLine.isEmpty() || connectLine.isEmpty()) {
                continue;
            }
            String values = "'timeout server " + serverLine.get().arg(2) + "' is shorter than 'timeout connect "
                    + connectLine.get().arg(2) + "'";
            String why = ": a server gets less time to answer than to accept the connection (are the two values"
                    + " swapped?)";
            boolean ownServer = proxy.section().directives().contains(serverLine.get());
            boolean ownConnect = proxy.section().directives().contains(connectLine.get());
            if (ownServer || ownConnect) {
                Directive at = ownServer ? serverLine.get() : connectLine.get();
                findings.report(at, values + " in " + proxy.type() + " '" + proxy.name() + "'" + why);
            } else {
                // both inherited: one finding on the defaults line, whichever proxies inherit it
                findings.report(serverLine.get(), values + why);
            }
        }
    }
}
