package dev.sluice.lint.rules;

import dev.sluice.compiler.plan.BackendSwitch;
import dev.sluice.compiler.plan.Frontend;
import dev.sluice.compiler.plan.Listener;
import dev.sluice.grammar.ast.Directive;
import dev.sluice.grammar.ast.Section;
import dev.sluice.grammar.ast.Word;
import dev.sluice.lint.Family;
import dev.sluice.lint.Findings;
import dev.sluice.lint.LintContext;
import dev.sluice.lint.ProxyView;
import dev.sluice.lint.Rule;
import dev.sluice.lint.RuleMeta;
import dev.sluice.lint.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * An HTTP frontend terminating TLS that never sends {@code Strict-Transport-Security}: neither it,
 * its defaults, nor a backend it routes to sets the header on responses. TLS listeners on
 * loopback addresses or UNIX sockets, which no browser reaches, are left alone.
 */
public final class TlsMissingHsts implements Rule {

    private static final RuleMeta META = new RuleMeta("tls-missing-hsts", Severity.WARNING, Family.SECURITY,
            "An HTTPS frontend sends no Strict-Transport-Security header");

    private static final String HSTS = "strict-transport-security";
    private static final Set<String> RESPONSE_RULES = Set.of("http-response", "http-after-response", "rspadd",
            "rspirep", "rsprep");

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
            if (f.disabled() || !f.mode().equals("http")) {
                continue;
            }
            Listener tls = f.listeners().stream().filter(l -> l.ssl() && !Reach.isLoopback(l.address())).findFirst()
                    .orElse(null);
            if (tls == null || setsHsts(proxy)) {
                continue;
            }
            boolean inBackend = false;
            for (ProxyView backend : reachable(context, proxy, f)) {
                inBackend |= setsHsts(backend);
            }
            if (!inBackend) {
                findings.report(proxy.section(), proxy.type() + " '" + f.name() + "' serves HTTPS on "
                        + tls.address() + " but sets no 'Strict-Transport-Security' response header: browsers"
                        + " keep trying plain HTTP first, which an attacker on the path can intercept");
            }
        }
    }

    /** The backends the frontend can route to; every backend when a {@code use_backend} name is dynamic. */
    private static List<ProxyView> reachable(LintContext context, ProxyView proxy, Frontend f) {
        if (f.useBackends().stream().anyMatch(u -> u.backend() == null)) {
            return context.model().backends();
        }
        List<String> names = new ArrayList<>();
        if (f.defaultBackend() != null) {
            names.add(f.defaultBackend());
        }
        for (BackendSwitch u : f.useBackends()) {
            names.add(u.backend());
        }
        List<ProxyView> found = new ArrayList<>();
        for (String n : names) {
            context.model().backend(n).filter(b -> b != proxy).ifPresent(found::add);
        }
        return found;
    }

    /** True when a response rule of the proxy's section or its defaults names the header. */
    private static boolean setsHsts(ProxyView proxy) {
        List<Section> sections = new ArrayList<>();
        sections.add(proxy.section());
        sections.addAll(proxy.defaults());
        for (Section s : sections) {
            for (Directive d : s.directives()) {
                if (!RESPONSE_RULES.contains(d.keyword())) {
                    continue;
                }
                boolean setHeader = d.arg(1).equals("set-header") || d.arg(1).equals("add-header");
                if (setHeader && d.arg(2).toLowerCase(Locale.ROOT).equals(HSTS)) {
                    return true;
                }
                if (d.keyword().startsWith("rsp")) {
                    for (Word w : d.words()) {
                        if (w.value().toLowerCase(Locale.ROOT).startsWith(HSTS)) {
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }
}
