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
import java.util.List;

/**
 * A backend with one server and no backup: when that server is down, every request fails. A
 * server on a loopback address or a UNIX socket (a local service), or whose destination is chosen
 * per connection ({@code 0.0.0.0}, {@code rhttp@}), is left alone.
 */
public final class SingleServerWithoutBackup implements Rule {

    private static final RuleMeta META = new RuleMeta("single-server-without-backup", Severity.INFO,
            Family.RELIABILITY, "A backend has a single server and no backup server");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(LintContext context, Findings findings) {
        for (ProxyView proxy : context.model().compiledBackends()) {
            Backend backend = proxy.backend().orElseThrow();
            List<Server> servers = backend.servers();
            if (servers.size() != 1 || servers.get(0).backup()) {
                continue;
            }
            Server only = servers.get(0);
            if (Reach.isLoopback(only.address()) || Reach.isDynamic(only.address())) {
                continue; // a service on the same host, or a destination chosen per request
            }
            findings.report(proxy.section(), proxy.type() + " '" + backend.name() + "' has a single server, '"
                    + only.name() + "', and no backup: while it is down, every request to the "
                    + proxy.type() + " fails");
        }
    }
}
