package dev.sluice.lint.rules;

import dev.sluice.compiler.plan.Frontend;
import dev.sluice.compiler.plan.Listener;
import dev.sluice.compiler.plan.Rules;
import dev.sluice.lint.LintContext;
import dev.sluice.lint.ProxyView;
import java.util.ArrayList;
import java.util.List;

/** Which frontends send traffic to a backend, and what stands in front of it. */
final class Routes {

    private Routes() {
    }

    /**
     * The enabled frontends that may route requests to backend {@code name}: through
     * {@code default_backend}, a static {@code use_backend}, a dynamic one (which may name any
     * backend), or by being the same listen section.
     */
    static List<Frontend> frontendsOf(LintContext context, String name) {
        List<Frontend> found = new ArrayList<>();
        for (ProxyView p : context.model().frontends()) {
            if (p.frontend().isEmpty() || p.frontend().get().disabled()) {
                continue;
            }
            Frontend f = p.frontend().get();
            boolean routes = name.equals(f.defaultBackend())
                    || f.useBackends().stream().anyMatch(u -> u.backend() == null || u.backend().equals(name));
            if (routes) {
                found.add(f);
            }
        }
        return found;
    }

    /** Every listener of {@code frontends}. */
    static List<Listener> listeners(List<Frontend> frontends) {
        List<Listener> all = new ArrayList<>();
        frontends.forEach(f -> all.addAll(f.listeners()));
        return all;
    }

    /** The HTTP and TCP request rules of a rule set. */
    static List<dev.sluice.compiler.plan.Rule> requestRules(Rules r) {
        List<dev.sluice.compiler.plan.Rule> all = new ArrayList<>();
        all.addAll(r.tcpRequestConnection());
        all.addAll(r.tcpRequestSession());
        all.addAll(r.tcpRequestContent());
        all.addAll(r.httpRequest());
        return all;
    }

    /**
     * True when one of {@code rules} asks for a password ({@code auth}, or a rule on
     * {@code http_auth}) or accepts or refuses requests on the client's address.
     */
    static boolean guarded(List<dev.sluice.compiler.plan.Rule> rules) {
        for (dev.sluice.compiler.plan.Rule r : rules) {
            String a = r.action();
            if (a.equals("auth")) {
                return true;
            }
            boolean decides = a.equals("deny") || a.equals("reject") || a.equals("tarpit") || a.equals("silent-drop")
                    || a.equals("allow") || a.equals("accept");
            if (decides && ConditionWalk.any(r.condition(), m -> ConditionWalk.testsSource(m)
                    || m.criterion().fetch().startsWith("http_auth"))) {
                return true;
            }
        }
        return false;
    }
}
