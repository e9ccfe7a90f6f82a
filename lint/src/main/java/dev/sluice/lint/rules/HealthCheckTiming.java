package dev.sluice.lint.rules;

import dev.sluice.compiler.plan.Backend;
import dev.sluice.compiler.plan.Server;
import dev.sluice.compiler.plan.ServerCheck;
import dev.sluice.grammar.ast.Directive;
import dev.sluice.lint.Family;
import dev.sluice.lint.Findings;
import dev.sluice.lint.LintContext;
import dev.sluice.lint.ProxyView;
import dev.sluice.lint.Rule;
import dev.sluice.lint.RuleMeta;
import dev.sluice.lint.Severity;
import java.util.Optional;

/**
 * Health-check timing outside sane bounds: {@code inter} below {@value #MIN_INTER_MS} ms or above
 * {@value #MAX_INTER_MS} ms, {@code fall} below {@value #MIN_FALL} or above {@value #MAX_FALL},
 * {@code rise} above {@value #MAX_RISE}.
 */
public final class HealthCheckTiming implements Rule {

    static final long MIN_INTER_MS = 1_000;
    static final long MAX_INTER_MS = 60_000;
    static final int MIN_FALL = 2;
    static final int MAX_FALL = 10;
    static final int MIN_RISE = 1;
    static final int MAX_RISE = 10;

    private static final RuleMeta META = new RuleMeta("health-check-timing", Severity.WARNING, Family.RELIABILITY,
            "Health checks run too often or too rarely, or take too few or too many results to change state");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(LintContext context, Findings findings) {
        for (ProxyView proxy : context.model().compiledBackends()) {
            Backend backend = proxy.backend().orElseThrow();
            for (Server server : backend.servers()) {
                if (!server.check().enabled() || server.disabled()) {
                    continue;
                }
                Optional<Directive> line = ServerLines.line(proxy, server.name());
                if (line.isEmpty()) {
                    continue;
                }
                ServerCheck c = server.check();
                String who = "server '" + backend.name() + "/" + server.name() + "'";
                if (c.interMs() < MIN_INTER_MS || c.interMs() > MAX_INTER_MS) {
                    report(findings, proxy, line.get(), "inter", who, c.interMs() < MIN_INTER_MS
                            ? "checking more often than once a second only adds load on the servers"
                            : "a dead server keeps receiving traffic for minutes before enough checks fail",
                            "use 1s to 60s");
                }
                if (c.fall() < MIN_FALL || c.fall() > MAX_FALL) {
                    report(findings, proxy, line.get(), "fall", who, c.fall() < MIN_FALL
                            ? "a single failed check takes the server out of the rotation"
                            : "a dead server keeps receiving traffic until that many checks have failed",
                            "use " + MIN_FALL + " to " + MAX_FALL);
                }
                if (c.rise() < MIN_RISE || c.rise() > MAX_RISE) {
                    report(findings, proxy, line.get(), "rise", who,
                            "a recovered server waits that many checks before it gets traffic again",
                            "use " + MIN_RISE + " to " + MAX_RISE);
                }
            }
        }
    }

    private static void report(Findings findings, ProxyView proxy, Directive serverLine, String keyword, String who,
            String why, String advice) {
        ServerLines.setting(proxy, serverLine, keyword).ifPresent(s -> {
            String written = "'" + keyword + " " + s.value().value() + "'";
            String unit = keyword.equals("inter") && s.value().value().matches("[0-9]+")
                    ? " (a number without a unit is milliseconds)" : "";
            String subject = s.onDefaultServer() ? "default-server " + written : who + " has " + written;
            findings.report(s.value(), subject + unit + ": " + why + "; " + advice);
        });
    }
}
