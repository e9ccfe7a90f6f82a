package dev.sluice.lint.rules;

import dev.sluice.compiler.plan.Units;
import dev.sluice.grammar.ast.Directive;
import dev.sluice.grammar.ast.Section;
import dev.sluice.lint.Family;
import dev.sluice.lint.Findings;
import dev.sluice.lint.LintContext;
import dev.sluice.lint.Rule;
import dev.sluice.lint.RuleMeta;
import dev.sluice.lint.Severity;
import java.util.Set;

/**
 * A {@code timeout client} or {@code timeout server} over an hour, or a {@code timeout connect}
 * over 30 seconds: dead peers then hold connections (and slots under {@code maxconn}) for that long.
 */
public final class TimeoutTooLong implements Rule {

    static final long MAX_IDLE_MS = 3_600_000;
    static final long MAX_CONNECT_MS = 30_000;

    private static final RuleMeta META = new RuleMeta("timeout-too-long", Severity.INFO, Family.RELIABILITY,
            "A client or server timeout is over an hour, or the connect timeout over 30 seconds");

    private static final Set<String> PROXIES = Set.of("defaults", "frontend", "backend", "listen");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(LintContext context, Findings findings) {
        for (Section s : (Iterable<Section>) context.config().sections()::iterator) {
            if (!PROXIES.contains(s.type()) || !s.type().equals("defaults") && disabled(s)) {
                continue;
            }
            for (Directive d : s.directives()) {
                if (!d.keyword().equals("timeout") || d.words().size() < 3) {
                    continue;
                }
                String which = d.arg(1);
                long limit = switch (which) {
                    case "client", "server" -> MAX_IDLE_MS;
                    case "connect" -> MAX_CONNECT_MS;
                    default -> -1;
                };
                if (limit < 0) {
                    continue;
                }
                long ms;
                try {
                    ms = Units.parseTime(d.arg(2));
                } catch (IllegalArgumentException e) {
                    continue; // the checker reports it
                }
                if (ms > limit) {
                    String why = which.equals("connect")
                            ? "is over 30s: a request to a server that does not answer waits that long before a"
                                    + " retry or an error"
                            : "is over an hour: a " + which + " that vanished without closing holds its"
                                    + " connection that long (use 'timeout tunnel' for long-lived connections)";
                    findings.report(d.words().get(2), "'timeout " + which + " " + d.arg(2) + "' " + why);
                }
            }
        }
    }

    private static boolean disabled(Section s) {
        return s.directives().stream().anyMatch(d -> d.keyword().equals("disabled"));
    }
}
