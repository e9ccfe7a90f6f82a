package dev.sluice.lint.rules;

import dev.sluice.lint.Family;
import dev.sluice.lint.Findings;
import dev.sluice.lint.LintContext;
import dev.sluice.lint.Rule;
import dev.sluice.lint.RuleMeta;
import dev.sluice.lint.Severity;

/**
 * A runtime API socket at level {@code admin} on a TCP address: the API has no authentication,
 * so whoever can open a connection to the port controls HAProxy.
 */
public final class RuntimeSocketAdminTcp implements Rule {

    private static final RuleMeta META = new RuleMeta("runtime-socket-admin-tcp", Severity.ERROR, Family.SECURITY,
            "The admin-level runtime API listens on a TCP port, which has no authentication");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(LintContext context, Findings findings) {
        for (StatsSockets.Socket s : StatsSockets.of(context)) {
            if (Reach.isLocalSocket(s.address()) || !s.level().equals("admin")) {
                continue;
            }
            String who = Reach.isLoopback(s.address()) ? "any local user or process"
                    : "anyone who can reach " + s.address();
            findings.report(s.option("level").orElseThrow(), "stats socket " + s.address()
                    + " gives admin access to the runtime API over TCP, without authentication: " + who
                    + " controls HAProxy; use a UNIX socket with 'mode 600' or 'mode 660'");
        }
    }
}
