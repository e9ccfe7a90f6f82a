package dev.sluice.lint.rules;

import dev.sluice.compiler.plan.Backend;
import dev.sluice.compiler.plan.Frontend;
import dev.sluice.lint.Family;
import dev.sluice.lint.Findings;
import dev.sluice.lint.LintContext;
import dev.sluice.lint.ProxyView;
import dev.sluice.lint.Rule;
import dev.sluice.lint.RuleMeta;
import dev.sluice.lint.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * A proxy without {@code timeout client} (its frontend side) or without {@code timeout connect}
 * and {@code timeout server} (its backend side, when it has servers), set neither in its section
 * nor in its defaults.
 */
public final class MissingTimeout implements Rule {

    private static final RuleMeta META = new RuleMeta("missing-timeout", Severity.WARNING, Family.RELIABILITY,
            "A proxy has no timeout client, connect or server, so stalled connections are never closed");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(LintContext context, Findings findings) {
        for (ProxyView proxy : context.model().proxies()) {
            List<String> missing = new ArrayList<>();
            if (proxy.isFrontend() && proxy.frontend().isPresent()) {
                Frontend f = proxy.frontend().get();
                if (!f.disabled() && proxied(f.mode()) && unset(f.timeouts().clientMs())) {
                    missing.add("client");
                }
            }
            if (proxy.isBackend() && proxy.backend().isPresent()) {
                Backend b = proxy.backend().get();
                if (!b.disabled() && proxied(b.mode()) && !b.servers().isEmpty()) {
                    if (unset(b.timeouts().connectMs())) {
                        missing.add("connect");
                    }
                    if (unset(b.timeouts().serverMs())) {
                        missing.add("server");
                    }
                }
            }
            if (missing.isEmpty()) {
                continue;
            }
            List<String> quoted = missing.stream().map(m -> "'timeout " + m + "'").toList();
            findings.report(proxy.section(), proxy.type() + " '" + proxy.name() + "' has no " + list(quoted)
                    + ", here or in its defaults: a client or server that stops answering holds its connection"
                    + " forever");
        }
    }

    private static boolean proxied(String mode) {
        return mode.equals("http") || mode.equals("tcp");
    }

    private static boolean unset(Long ms) {
        return ms == null || ms == 0;
    }

    /** {@code a}, {@code a or b}, {@code a, b or c}. */
    static String list(List<String> items) {
        if (items.size() == 1) {
            return items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " or " + items.get(items.size() - 1);
    }
}
