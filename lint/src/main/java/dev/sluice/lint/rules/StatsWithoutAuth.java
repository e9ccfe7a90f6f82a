package dev.sluice.lint.rules;

import dev.sluice.compiler.plan.Frontend;
import dev.sluice.compiler.plan.Listener;
import dev.sluice.compiler.plan.StatsPage;
import dev.sluice.grammar.ast.Directive;
import dev.sluice.grammar.ast.Section;
import dev.sluice.lint.Family;
import dev.sluice.lint.Findings;
import dev.sluice.lint.LintContext;
import dev.sluice.lint.ProxyView;
import dev.sluice.lint.Rule;
import dev.sluice.lint.RuleMeta;
import dev.sluice.lint.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A statistics page anyone who reaches it can read: no {@code stats auth}, no {@code auth} rule,
 * no rule accepting or refusing clients by address, and a listener other than a loopback address
 * or a UNIX socket.
 */
public final class StatsWithoutAuth implements Rule {

    private static final RuleMeta META = new RuleMeta("stats-without-auth", Severity.ERROR, Family.SECURITY,
            "A statistics page is reachable without authentication");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(LintContext context, Findings findings) {
        for (ProxyView proxy : context.model().proxies()) {
            Optional<Exposure> page = exposure(context, proxy);
            if (page.isEmpty() || page.get().authenticated()) {
                continue;
            }
            Exposure e = page.get();
            findings.report(statsLine(proxy).map(Directive::span).orElse(proxy.span()),
                    "the statistics page of " + proxy.type() + " '" + proxy.name() + "' (" + e.page().uri()
                            + ") asks for no password and is reachable on " + e.where()
                            + ": add 'stats auth', or restrict it to trusted addresses");
        }
    }

    /** A proxy's statistics page and whether something stands between it and the network. */
    record Exposure(StatsPage page, boolean authenticated, String where) {
    }

    /**
     * The statistics page {@code proxy} serves, when it serves one to the network: the proxy is
     * enabled and in HTTP mode, and some listener in front of it is not local.
     */
    static Optional<Exposure> exposure(LintContext context, ProxyView proxy) {
        List<dev.sluice.compiler.plan.Rule> rules = new ArrayList<>();
        List<Listener> listeners;
        StatsPage page;
        if (proxy.isFrontend()) {
            if (proxy.frontend().isEmpty()) {
                return Optional.empty();
            }
            Frontend f = proxy.frontend().get();
            if (f.disabled() || f.stats() == null || !f.mode().equals("http")) {
                return Optional.empty();
            }
            page = f.stats();
            listeners = f.listeners();
            rules.addAll(Routes.requestRules(f.rules()));
            rules.addAll(Routes.requestRules(f.defaultsRules()));
        } else {
            if (proxy.backend().isEmpty()) {
                return Optional.empty();
            }
            var b = proxy.backend().get();
            if (b.disabled() || b.stats() == null || !b.mode().equals("http")) {
                return Optional.empty();
            }
            page = b.stats();
            List<Frontend> in = Routes.frontendsOf(context, b.name());
            listeners = Routes.listeners(in);
            rules.addAll(Routes.requestRules(b.rules()));
            rules.addAll(Routes.requestRules(b.defaultsRules()));
            in.forEach(f -> {
                rules.addAll(Routes.requestRules(f.rules()));
            });
        }
        Optional<Listener> open = listeners.stream().filter(l -> !Reach.isLoopback(l.address())).findFirst();
        if (open.isEmpty()) {
            return Optional.empty();
        }
        boolean authenticated = !page.users().isEmpty() || Routes.guarded(page.httpRequest())
                || Routes.guarded(rules);
        return Optional.of(new Exposure(page, authenticated, open.get().address().toString()));
    }

    /** The proxy's first {@code stats} line, or else the first one of the defaults it inherits it from. */
    static Optional<Directive> statsLine(ProxyView proxy) {
        Optional<Directive> own = proxy.first("stats");
        if (own.isPresent()) {
            return own;
        }
        for (Section d : proxy.defaults()) {
            Optional<Directive> inherited = ProxyView.matching(d, "stats").stream().findFirst();
            if (inherited.isPresent()) {
                return inherited;
            }
        }
        return Optional.empty();
    }
}
