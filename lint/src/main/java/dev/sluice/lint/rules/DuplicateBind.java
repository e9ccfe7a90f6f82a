package dev.sluice.lint.rules;

import dev.sluice.compiler.plan.Address;
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
import java.util.Locale;
import java.util.Optional;

/**
 * Two {@code bind} lines, in one proxy or in two, on the same address and port. HAProxy binds both
 * (it sets {@code SO_REUSEPORT}), and the kernel then hands each connection to one of them at
 * random. {@code *}, an empty host and {@code 0.0.0.0} are the same address; TCP and QUIC (UDP)
 * listeners on the same port do not conflict, nor do binds on different interfaces or namespaces.
 */
public final class DuplicateBind implements Rule {

    private static final RuleMeta META = new RuleMeta("duplicate-bind", Severity.WARNING, Family.CORRECTNESS,
            "Two bind lines listen on the same address and port, so connections are split between them");

    /** One listening address of a bind line. */
    private record Bound(ProxyView proxy, Directive line, String kind, String host, int from, int to, String where) {

        boolean overlaps(Bound o) {
            return kind.equals(o.kind) && host.equals(o.host) && where.equals(o.where) && from <= o.to && o.from <= to;
        }
    }

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(LintContext context, Findings findings) {
        List<Bound> all = new ArrayList<>();
        for (ProxyView p : context.model().frontends()) {
            if (!p.own("disabled").isEmpty()) {
                continue;
            }
            for (Directive d : p.own("bind")) {
                List<Bound> line = new ArrayList<>();
                for (String text : d.arg(1).split(",")) {
                    bound(p, d, text.strip()).ifPresent(line::add);
                }
                Bound clash = null;
                Bound mine = null;
                for (Bound b : line) {
                    for (Bound other : all) {
                        if (clash == null && b.overlaps(other)) {
                            clash = other;
                            mine = b;
                        }
                    }
                }
                all.addAll(line);
                if (clash != null) {
                    String whose = clash.proxy() == p ? "line " + clash.line().span().line() + " of the same "
                            + p.type() : clash.proxy().type() + " '" + clash.proxy().name()
                            + "' (line " + clash.line().span().line() + ")";
                    findings.report(d, p.type() + " '" + p.name() + "' binds " + show(mine) + ", as does " + whose
                            + ": the kernel splits connections between the two at random");
                }
            }
        }
    }

    private static String show(Bound b) {
        if (b.from() < 0) {
            return b.host();
        }
        String host = b.host().contains(":") ? "[" + b.host() + "]" : b.host();
        return host + ":" + b.from() + (b.to() != b.from() ? "-" + b.to() : "");
    }

    private static Optional<Bound> bound(ProxyView p, Directive d, String text) {
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Address a;
        try {
            a = Address.parse(text);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        String family = a.family() == null ? "" : a.family();
        String where = option(d, "interface") + "|" + option(d, "namespace");
        switch (family) {
            case "", "ipv4", "ipv6", "tcp", "tcp4", "tcp6", "quic4", "quic6", "udp", "udp4", "udp6", "quic" -> {
                if (a.port() == null || a.portOffset()) {
                    return Optional.empty();
                }
                boolean udp = family.startsWith("quic") || family.startsWith("udp");
                boolean v6 = family.endsWith("6");
                String host = a.host().toLowerCase(Locale.ROOT);
                if (host.equals("*") || host.isEmpty() || host.equals("0.0.0.0")) {
                    host = v6 ? "::" : "*";
                }
                int to = a.portEnd() == null ? a.port() : a.portEnd();
                return Optional.of(new Bound(p, d, udp ? "udp" : "tcp", host, a.port(), to, where));
            }
            case "unix", "abns", "abnsz", "uxst" -> {
                return Optional.of(new Bound(p, d, family, a.host(), -1, -1, where));
            }
            default -> {
                return Optional.empty(); // fd@, sockpair@, ...: handed over, not bound
            }
        }
    }

    private static String option(Directive d, String name) {
        for (int i = 2; i + 1 < d.words().size(); i++) {
            if (d.arg(i).equals(name)) {
                return d.arg(i + 1);
            }
        }
        return "";
    }
}
