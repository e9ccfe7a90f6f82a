package dev.sluice.lint.rules;

import dev.sluice.compiler.plan.Frontend;
import dev.sluice.lint.Family;
import dev.sluice.lint.Findings;
import dev.sluice.lint.LintContext;
import dev.sluice.lint.ProxyView;
import dev.sluice.lint.Rule;
import dev.sluice.lint.RuleMeta;
import dev.sluice.lint.Severity;

/**
 * An HTTP frontend without {@code timeout http-request}: a client sending its request headers one
 * byte at a time (slowloris) keeps a connection for as long as it likes, since {@code timeout
 * client} restarts with each byte. Frontends listening only on loopback addresses or UNIX sockets
 * are left alone.
 */
public final class TimeoutHttpRequestMissing implements Rule {

    private static final RuleMeta META = new RuleMeta("timeout-http-request-missing", Severity.WARNING,
            Family.RELIABILITY, "An HTTP frontend has no timeout http-request, so slow clients can hold connections");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(LintContext context, Findings findings) {
        for (ProxyView proxy : context.model().frontends()) {
            if (proxy.frontend().isEmpty()) {
                continue;
            }
            Frontend f = proxy.frontend().get();
            if (f.disabled() || !f.mode().equals("http") || f.listeners().isEmpty() || Reach.onlyLocal(f.listeners())) {
                continue;
            }
            Long t = f.timeouts().httpRequestMs();
            if (t == null || t == 0) {
                findings.report(proxy.section(), proxy.type() + " '" + f.name() + "' has no 'timeout http-request',"
                        + " here or in its defaults: a client sending its headers a byte at a time holds a"
                        + " connection indefinitely (slowloris)");
            }
        }
    }
}
