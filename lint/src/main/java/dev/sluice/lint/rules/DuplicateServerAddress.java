package dev.sluice.lint.rules;

import dev.sluice.compiler.plan.Address;
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
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Two {@code server} lines of one backend with the same address and port: the backend sends that
 * host twice its share, and health checks and statistics count it twice. Servers whose host name is
 * resolved at run time ({@code resolvers}) are left out, as HAProxy gives servers sharing a name
 * different addresses, and so are servers that connect differently ({@code ssl}, {@code sni},
 * {@code alpn}, {@code proto}, {@code send-proxy}, {@code source}, ...).
 */
public final class DuplicateServerAddress implements Rule {

    private static final RuleMeta META = new RuleMeta("duplicate-server-address", Severity.WARNING,
            Family.CORRECTNESS, "Two servers of a backend have the same address and port");

    /** Server options that change how the connection is made: servers differing in them are distinct. */
    private static final Set<String> CONNECTION = Set.of("ssl", "no-ssl", "sni", "alpn", "proto", "send-proxy",
            "send-proxy-v2", "send-proxy-v2-ssl", "send-proxy-v2-ssl-cn", "source", "namespace", "tcp-md5sig", "crt",
            "ws", "check-ssl", "verifyhost");
    private static final Set<String> CONNECTION_VALUE = Set.of("sni", "alpn", "proto", "source", "namespace",
            "tcp-md5sig", "crt", "ws", "verifyhost");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(LintContext context, Findings findings) {
        for (ProxyView p : context.model().backends()) {
            boolean resolvedByDefault = resolvers(p.section());
            for (Section d : p.defaults()) {
                resolvedByDefault |= resolvers(d);
            }
            Map<String, Directive> seen = new HashMap<>();
            for (Directive d : p.own("server")) {
                Optional<String> key = key(d, resolvedByDefault);
                if (key.isEmpty()) {
                    continue;
                }
                Directive first = seen.putIfAbsent(key.get(), d);
                if (first != null) {
                    findings.report(d, "server '" + p.name() + "/" + d.arg(1) + "' has the same address as server '"
                            + first.arg(1) + "' on line " + first.span().line() + " (" + d.arg(2)
                            + "), so that host gets twice its share");
                }
            }
        }
    }

    /** The server's address as compared, or empty when it cannot be compared. */
    private static Optional<String> key(Directive d, boolean resolvedByDefault) {
        if (d.words().size() < 3) {
            return Optional.empty();
        }
        Address a;
        try {
            a = Address.parse(d.arg(2));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        String host = a.host().toLowerCase(Locale.ROOT);
        if (a.portOffset() || host.equals("*") || host.equals("0.0.0.0") || host.equals("::") || host.isEmpty()) {
            return Optional.empty(); // transparent servers: the address comes from the connection
        }
        boolean resolved = resolvedByDefault || d.words().stream().anyMatch(w -> w.value().equals("resolvers"));
        if (resolved && !isIpLiteral(host)) {
            return Optional.empty();
        }
        String family = a.family() == null || a.family().startsWith("ipv") ? "ip" : a.family();
        StringBuilder key = new StringBuilder(family + "|" + host + "|" + a.port() + "|" + a.portEnd());
        List<String> options = new ArrayList<>();
        for (int i = 3; i < d.words().size(); i++) {
            String o = d.arg(i);
            if (CONNECTION.contains(o)) {
                String value = CONNECTION_VALUE.contains(o) ? " " + d.arg(i + 1) : "";
                options.add(o + value);
            }
        }
        Collections.sort(options);
        options.forEach(o -> key.append('|').append(o));
        return Optional.of(key.toString());
    }

    private static boolean resolvers(Section s) {
        for (Directive d : ProxyView.matching(s, "default-server")) {
            if (d.words().stream().anyMatch(w -> w.value().equals("resolvers"))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isIpLiteral(String host) {
        return host.matches("[0-9.]+") || host.contains(":");
    }
}
