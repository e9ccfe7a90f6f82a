package dev.sluice.lint.rules;

import dev.sluice.compiler.plan.Backend;
import dev.sluice.compiler.plan.Frontend;
import dev.sluice.compiler.plan.ProxyOption;
import dev.sluice.compiler.plan.Rules;
import dev.sluice.compiler.plan.Server;
import dev.sluice.lint.Family;
import dev.sluice.lint.Findings;
import dev.sluice.lint.LintContext;
import dev.sluice.lint.ProxyView;
import dev.sluice.lint.Rule;
import dev.sluice.lint.RuleMeta;
import dev.sluice.lint.Severity;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * HTTP traffic reaching servers with no trace of the client's address: no {@code option
 * forwardfor} (or {@code option forwarded}, or a rule setting {@code X-Forwarded-For},
 * {@code X-Real-IP} or {@code Forwarded}) on the backend or on a frontend routing to it, and
 * servers not sent the PROXY protocol. Servers whose destination is chosen per request
 * ({@code 0.0.0.0}: a forward proxy) and transparent backends ({@code source 0.0.0.0 usesrc
 * client}) are left alone, and so are frontends listening only on loopback addresses or UNIX
 * sockets are left alone: their clients' address says nothing.
 */
public final class MissingForwardfor implements Rule {

    private static final RuleMeta META = new RuleMeta("missing-forwardfor", Severity.WARNING, Family.SECURITY,
            "HTTP servers receive requests without the client's address (no option forwardfor)");

    private static final Set<String> HEADERS = Set.of("x-forwarded-for", "x-real-ip", "forwarded");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(LintContext context, Findings findings) {
        for (ProxyView proxy : context.model().compiledBackends()) {
            Backend b = proxy.backend().orElseThrow();
            if (!b.mode().equals("http") || passesAddress(b.forwardFor() != null, b.options(), b.rules(),
                    b.defaultsRules())) {
                continue;
            }
            List<Server> plain = b.servers().stream()
                    .filter(s -> !s.disabled() && s.sendProxy() == null && !Reach.isDynamic(s.address()))
                    .toList();
            if (plain.isEmpty() || transparent(proxy)) {
                continue;
            }
            List<String> without = Routes.frontendsOf(context, b.name()).stream()
                    .filter(f -> f.mode().equals("http") && !Reach.onlyLocal(f.listeners()))
                    .filter(f -> !passesAddress(f.forwardFor() != null, f.options(), f.rules(), f.defaultsRules()))
                    .map(Frontend::name)
                    .toList();
            if (without.isEmpty()) {
                continue;
            }
            String from = proxy.type().equals("listen") && without.equals(List.of(b.name())) ? ""
                    : " from " + (without.size() == 1 ? "frontend '" + without.get(0) + "'"
                            : "frontends " + String.join(", ", without.stream().map(n -> "'" + n + "'").toList()));
            findings.report(proxy.section(), proxy.type() + " '" + b.name() + "' passes HTTP requests" + from
                    + " to its servers without 'option forwardfor' on either side: server '" + plain.get(0).name()
                    + "' sees HAProxy's address instead of the client's");
        }
    }

    /** True when the backend connects to servers from the client's own address ({@code source ... usesrc}). */
    private static boolean transparent(ProxyView proxy) {
        return proxy.effective("source").map(d -> d.words().stream().anyMatch(w -> w.value().equals("usesrc")))
                .orElse(false);
    }

    /** True when the proxy adds a header carrying the client's address. */
    private static boolean passesAddress(boolean forwardFor, Map<String, ProxyOption> options, Rules rules,
            Rules inherited) {
        if (forwardFor) {
            return true;
        }
        ProxyOption forwarded = options.get("forwarded");
        if (forwarded != null && forwarded.enabled()) {
            return true;
        }
        return setsHeader(rules) || setsHeader(inherited);
    }

    private static boolean setsHeader(Rules rules) {
        return rules.httpRequest().stream().anyMatch(r -> (r.action().equals("set-header")
                || r.action().equals("add-header")) && !r.args().isEmpty()
                && HEADERS.contains(r.args().get(0).toLowerCase(Locale.ROOT)));
    }
}
