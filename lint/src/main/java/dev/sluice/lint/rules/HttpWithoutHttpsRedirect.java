package dev.sluice.lint.rules;

import dev.sluice.compiler.plan.Address;
import dev.sluice.compiler.plan.Backend;
import dev.sluice.compiler.plan.Frontend;
import dev.sluice.compiler.plan.Listener;
import dev.sluice.compiler.plan.Redirect;
import dev.sluice.grammar.ast.Directive;
import dev.sluice.lint.Family;
import dev.sluice.lint.Findings;
import dev.sluice.lint.LintContext;
import dev.sluice.lint.ProxyView;
import dev.sluice.lint.Rule;
import dev.sluice.lint.RuleMeta;
import dev.sluice.lint.Severity;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * In a configuration that serves HTTPS, a plain-HTTP listener of the same site that does not
 * redirect to HTTPS. A plain listener belongs to the site when it is on port 80 or 8080, when its
 * frontend also has a TLS listener, or when its frontend routes to a backend a TLS frontend uses.
 * Listeners on loopback addresses or UNIX sockets are left alone, plain or TLS.
 */
public final class HttpWithoutHttpsRedirect implements Rule {

    private static final RuleMeta META = new RuleMeta("http-without-https-redirect", Severity.WARNING,
            Family.SECURITY, "A plain-HTTP listener beside an HTTPS one does not redirect to HTTPS");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(LintContext context, Findings findings) {
        Set<String> tlsBackends = new HashSet<>();
        boolean anyTls = false;
        for (ProxyView p : context.model().frontends()) {
            Optional<Frontend> f = enabledHttp(p);
            if (f.isPresent() && f.get().listeners().stream().anyMatch(HttpWithoutHttpsRedirect::servesHttps)) {
                anyTls = true;
                tlsBackends.addAll(backends(f.get()));
            }
        }
        if (!anyTls) {
            return;
        }
        for (ProxyView p : context.model().frontends()) {
            Optional<Frontend> found = enabledHttp(p);
            if (found.isEmpty()) {
                continue;
            }
            Frontend f = found.get();
            boolean mixed = f.listeners().stream().anyMatch(HttpWithoutHttpsRedirect::servesHttps);
            boolean sharesBackend = backends(f).stream().anyMatch(tlsBackends::contains);
            if (redirectsToHttps(context, f)) {
                continue;
            }
            for (Directive bind : p.own("bind")) {
                if (bind.words().stream().anyMatch(w -> w.value().equals("ssl"))) {
                    continue;
                }
                Optional<Address> plain = sameSite(bind, mixed || sharesBackend);
                if (plain.isPresent()) {
                    findings.report(bind, p.type() + " '" + f.name() + "' serves plain HTTP on " + plain.get()
                            + " beside HTTPS but does not redirect to HTTPS ('http-request redirect scheme https"
                            + " unless { ssl_fc }'): its visitors' traffic can be read and changed");
                    break;
                }
            }
        }
    }

    /** A TLS listener that is not only for local clients. */
    private static boolean servesHttps(Listener l) {
        return l.ssl() && !Reach.isLoopback(l.address());
    }

    private static Optional<Frontend> enabledHttp(ProxyView p) {
        return p.frontend().filter(f -> !f.disabled() && f.mode().equals("http"));
    }

    /** The first address of a plain {@code bind} line that serves the HTTPS site over plain HTTP. */
    private static Optional<Address> sameSite(Directive bind, boolean sameSite) {
        for (String text : bind.arg(1).split(",")) {
            Address a;
            try {
                a = Address.parse(text);
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (Reach.isLoopback(a)) {
                continue;
            }
            boolean webPort = a.port() != null && a.portEnd() == null && (a.port() == 80 || a.port() == 8080);
            if (sameSite || webPort) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** The static backends a frontend routes to. */
    private static List<String> backends(Frontend f) {
        List<String> names = new ArrayList<>();
        if (f.defaultBackend() != null) {
            names.add(f.defaultBackend());
        }
        f.useBackends().stream().filter(u -> u.backend() != null).forEach(u -> names.add(u.backend()));
        return names;
    }

    /** True when the frontend, or a backend it routes to, redirects to an https URL. */
    private static boolean redirectsToHttps(LintContext context, Frontend f) {
        if (https(f.redirects(), f.rules().httpRequest(), f.defaultsRules().httpRequest())) {
            return true;
        }
        for (String name : backends(f)) {
            Optional<Backend> b = context.model().backend(name).flatMap(ProxyView::backend);
            if (b.isPresent() && https(b.get().redirects(), b.get().rules().httpRequest(),
                    b.get().defaultsRules().httpRequest())) {
                return true;
            }
        }
        return false;
    }

    private static boolean https(List<Redirect> redirects, List<dev.sluice.compiler.plan.Rule> rules,
            List<dev.sluice.compiler.plan.Rule> inherited) {
        for (Redirect r : redirects) {
            if (httpsTarget(r.type(), r.target())) {
                return true;
            }
        }
        List<dev.sluice.compiler.plan.Rule> all = new ArrayList<>(rules);
        all.addAll(inherited);
        for (dev.sluice.compiler.plan.Rule r : all) {
            if (r.action().equals("redirect") && r.args().size() >= 2 && httpsTarget(r.args().get(0), r.args().get(1))) {
                return true;
            }
        }
        return false;
    }

    private static boolean httpsTarget(String type, String target) {
        String t = target.toLowerCase(Locale.ROOT);
        return type.equals("scheme") ? t.startsWith("https") : t.startsWith("https://");
    }
}
