package dev.sluice.lint.rules;

import dev.sluice.grammar.ast.Directive;
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
 * A backend that inserts, rewrites or prefixes a persistence cookie, with servers that have no
 * {@code cookie} value: HAProxy has nothing to write for them, so their clients are not kept on
 * them. {@code cookie ... dynamic} (values derived from {@code dynamic-cookie-key}) is left out.
 */
public final class CookieWithoutServerCookies implements Rule {

    private static final RuleMeta META = new RuleMeta("cookie-without-server-cookies", Severity.WARNING,
            Family.CORRECTNESS, "Cookie persistence is set up but some servers have no cookie value");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(LintContext context, Findings findings) {
        for (ProxyView p : context.model().backends()) {
            Optional<Directive> cookie = p.effective("cookie");
            if (cookie.isEmpty() || !p.isHttp()) {
                continue;
            }
            Directive c = cookie.get();
            String mode = null;
            boolean dynamic = false;
            for (int i = 2; i < c.words().size(); i++) {
                switch (c.arg(i)) {
                    case "insert", "rewrite", "prefix" -> mode = c.arg(i);
                    case "dynamic" -> dynamic = true;
                    default -> { }
                }
            }
            if (mode == null || dynamic) {
                continue;
            }
            List<Directive> servers = new ArrayList<>(p.own("server"));
            servers.addAll(p.own("server-template"));
            List<Directive> without = servers.stream().filter(s -> !hasCookie(s)).toList();
            if (servers.isEmpty() || without.isEmpty()) {
                continue;
            }
            String setting = "'cookie " + c.arg(1) + " " + mode + "'";
            if (without.size() == servers.size()) {
                boolean own = p.own("cookie").contains(c);
                String inherited = own ? "" : " (inherited from line " + c.span().line() + ")";
                String message = "no server of backend '" + p.name() + "' has a 'cookie' value, so " + setting
                        + inherited + " keeps no client on its server";
                if (own) {
                    findings.report(c, message);
                } else {
                    findings.report(p.section(), message);
                }
                continue;
            }
            for (Directive s : without) {
                findings.report(s, "server '" + p.name() + "/" + s.arg(1) + "' has no 'cookie' value, so " + setting
                        + " cannot keep its clients on it");
            }
        }
    }

    private static boolean hasCookie(Directive server) {
        for (int i = 3; i < server.words().size(); i++) {
            if (server.arg(i).equals("cookie")) {
                return true;
            }
        }
        return false;
    }
}
