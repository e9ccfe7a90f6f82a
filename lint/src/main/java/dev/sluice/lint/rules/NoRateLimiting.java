package dev.sluice.lint.rules;

import dev.sluice.compiler.plan.AclMatch;
import dev.sluice.compiler.plan.Frontend;
import dev.sluice.compiler.plan.Listener;
import dev.sluice.compiler.plan.SampleCall;
import dev.sluice.lint.Family;
import dev.sluice.lint.Findings;
import dev.sluice.lint.LintContext;
import dev.sluice.lint.ProxyView;
import dev.sluice.lint.Rule;
import dev.sluice.lint.RuleMeta;
import dev.sluice.lint.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A public HTTP frontend (listening on every address or on a public one) that limits no client's
 * rate: no {@code rate-limit sessions}, and no {@code track-sc*} rule with a rule acting on a
 * stick counter ({@code sc_http_req_rate(0)}, {@code src_conn_rate}, ...).
 */
public final class NoRateLimiting implements Rule {

    private static final RuleMeta META = new RuleMeta("no-rate-limiting", Severity.INFO, Family.RELIABILITY,
            "A public HTTP frontend limits no client's request or connection rate");

    /** Fetches reading a stick counter or a table entry. */
    private static final Pattern COUNTER = Pattern.compile("(sc[0-9]?|src|table)_.*");

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
            if (f.disabled() || !f.mode().equals("http") || !Reach.anyPublic(f.listeners())
                    || f.rateLimitSessions() != null || statsOnly(proxy, f)) {
                continue;
            }
            List<dev.sluice.compiler.plan.Rule> rules = new ArrayList<>();
            rules.addAll(Routes.requestRules(f.rules()));
            rules.addAll(Routes.requestRules(f.defaultsRules()));
            proxy.backend().ifPresent(b -> {
                rules.addAll(Routes.requestRules(b.rules()));
                rules.addAll(Routes.requestRules(b.defaultsRules()));
            });
            boolean tracks = rules.stream().anyMatch(r -> r.action().startsWith("track-sc"));
            boolean acts = rules.stream().anyMatch(r -> !r.action().startsWith("track-sc")
                    && (ConditionWalk.any(r.condition(), NoRateLimiting::counter) || counter(r.sample())));
            if (tracks && acts) {
                continue;
            }
            Listener open = f.listeners().stream().filter(l -> Reach.isPublic(l.address())).findFirst().orElseThrow();
            findings.report(proxy.section(), proxy.type() + " '" + f.name() + "' listens on " + open.address()
                    + " but limits no client's rate: without a stick table, 'track-sc0 src' and a rule denying"
                    + " above a rate, one client can take all the capacity");
        }
    }

    private static boolean counter(AclMatch m) {
        return counter(m.criterion());
    }

    private static boolean counter(SampleCall call) {
        if (call == null) {
            return false;
        }
        String fetch = call.fetch();
        return COUNTER.matcher(fetch).matches() && !fetch.equals("src_port") && !fetch.equals("src_is_local");
    }

    /** A statistics page with no traffic to pass on: nothing there to rate-limit. */
    private static boolean statsOnly(ProxyView proxy, Frontend f) {
        if (f.stats() == null || !f.useBackends().isEmpty()) {
            return false;
        }
        boolean noServers = proxy.backend().map(b -> b.servers().isEmpty()).orElse(true);
        return noServers && (f.defaultBackend() == null || f.defaultBackend().equals(f.name()));
    }
}
