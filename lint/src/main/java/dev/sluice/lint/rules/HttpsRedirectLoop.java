package dev.sluice.lint.rules;

import dev.sluice.compiler.catalog.CatalogView;
import dev.sluice.grammar.ast.Directive;
import dev.sluice.grammar.ast.Word;
import dev.sluice.grammar.expr.AclExpr;
import dev.sluice.grammar.expr.AclRef;
import dev.sluice.grammar.expr.AndGroup;
import dev.sluice.grammar.expr.AnonymousAcl;
import dev.sluice.grammar.expr.Condition;
import dev.sluice.grammar.expr.Term;
import dev.sluice.lint.Family;
import dev.sluice.lint.Findings;
import dev.sluice.lint.LintContext;
import dev.sluice.lint.ProxyView;
import dev.sluice.lint.Rule;
import dev.sluice.lint.RuleMeta;
import dev.sluice.lint.Severity;
import dev.sluice.lint.rules.AclExprs.Criterion;
import dev.sluice.lint.rules.RuleLines.RuleLine;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A redirect to {@code https} in a frontend that also terminates TLS, with no condition that
 * leaves TLS connections out ({@code if !{ ssl_fc }}, {@code unless { ssl_fc }}): a client that
 * follows it comes back over TLS and is redirected again, forever. A condition that tests another
 * sign of the transport (the destination port, an {@code X-Forwarded-Proto} header, a variable)
 * is given the benefit of the doubt.
 */
public final class HttpsRedirectLoop implements Rule {

    private static final RuleMeta META = new RuleMeta("https-redirect-loop", Severity.ERROR, Family.CORRECTNESS,
            "A redirect to https also applies to requests that already came over TLS, so clients loop");

    /** Request headers that proxies in front of HAProxy use to say how the client connected. */
    private static final Set<String> TRANSPORT_HEADERS = Set.of("x-forwarded-proto", "x-forwarded-port",
            "x-forwarded-ssl", "x-forwarded-scheme", "x-scheme", "x-url-scheme", "forwarded", "front-end-https",
            "cf-visitor");

    /** Three-valued truth: what a condition is worth on a TLS connection. */
    private enum Truth { TRUE, FALSE, UNKNOWN }

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(LintContext context, Findings findings) {
        for (ProxyView fe : context.model().frontends()) {
            if (!fe.isHttp() || !fe.own("disabled").isEmpty()) {
                continue;
            }
            Optional<Directive> tls = fe.own("bind").stream()
                    .filter(b -> b.words().stream().skip(2).anyMatch(w -> w.value().equals("ssl")))
                    .findFirst();
            if (tls.isEmpty()) {
                continue;
            }
            Map<String, List<AclExpr>> acls = new HashMap<>();
            for (Directive d : fe.section().directives()) {
                AclExprs.definition(d).ifPresent(def ->
                        acls.computeIfAbsent(def.name(), k -> new ArrayList<>()).add(def.expr()));
            }
            for (RuleLine r : RuleLines.rules(fe.section())) {
                if (!toHttps(r)) {
                    continue;
                }
                Optional<Condition> c = RuleLines.condition(r.directive());
                if (r.conditional() && c.isEmpty()) {
                    continue; // a condition that does not parse: the checker reports it
                }
                Truth onTls = c.map(cond -> evaluate(cond, acls, context.catalog())).orElse(Truth.TRUE);
                boolean aware = c.map(cond -> readsTransport(cond, acls, context.catalog())).orElse(false);
                if (onTls == Truth.TRUE || onTls == Truth.UNKNOWN && !aware) {
                    findings.report(r.directive(), "this redirect to https in " + fe.type() + " '" + fe.name()
                            + "' also applies to requests that came over TLS on 'bind " + tls.get().arg(1)
                            + "', which are redirected again and again: "
                            + (r.conditional() ? "test '!{ ssl_fc }' in its condition" : "add 'if !{ ssl_fc }'"));
                }
            }
        }
    }

    /** True for {@code redirect scheme https} and the {@code http-request} redirects to https on the same host. */
    private static boolean toHttps(RuleLine r) {
        List<Word> args;
        if (r.set().equals("redirect")) {
            args = r.arguments();
        } else if (r.set().equals("http-request") && r.action().equals("redirect")) {
            args = r.arguments();
        } else {
            return false;
        }
        if (args.size() < 2) {
            return false;
        }
        String type = args.get(0).value();
        String target = args.get(1).value().toLowerCase(Locale.ROOT);
        return type.equals("scheme") && target.equals("https")
                || (type.equals("location") || type.equals("prefix"))
                        && (target.startsWith("https://%[hdr(host)") || target.startsWith("https://%[req.hdr(host)"));
    }

    private static Truth evaluate(Condition c, Map<String, List<AclExpr>> acls, CatalogView catalog) {
        Truth result = Truth.FALSE;
        for (AndGroup g : c.or()) {
            Truth group = Truth.TRUE;
            for (Term t : g.terms()) {
                group = and(group, term(t, acls, catalog));
            }
            result = or(result, group);
        }
        return c.unless() ? not(result) : result;
    }

    private static Truth term(Term t, Map<String, List<AclExpr>> acls, CatalogView catalog) {
        Truth value = Truth.UNKNOWN;
        if (t instanceof AnonymousAcl a) {
            value = isTls(a.expr(), catalog) ? Truth.TRUE : Truth.UNKNOWN;
        } else if (t instanceof AclRef r) {
            List<AclExpr> defs = acls.getOrDefault(r.name(), List.of());
            if (!defs.isEmpty() && defs.stream().allMatch(e -> isTls(e, catalog))) {
                value = Truth.TRUE;
            }
        }
        return t.negated() ? not(value) : value;
    }

    /** True for a plain {@code ssl_fc} test: true exactly on TLS connections. */
    private static boolean isTls(AclExpr e, CatalogView catalog) {
        Criterion c = AclExprs.criterion(e, catalog);
        return c.fetch().equals("ssl_fc") && c.args().isEmpty() && c.converters().isEmpty()
                && c.method().equals("bool") && c.patterns().isEmpty() && c.files().isEmpty();
    }

    private static boolean readsTransport(Condition c, Map<String, List<AclExpr>> acls, CatalogView catalog) {
        for (AndGroup g : c.or()) {
            for (Term t : g.terms()) {
                List<AclExpr> exprs = new ArrayList<>();
                if (t instanceof AnonymousAcl a) {
                    exprs.add(a.expr());
                } else if (t instanceof AclRef r) {
                    if (!acls.containsKey(r.name())) {
                        return true; // predefined or unknown: do not guess
                    }
                    exprs.addAll(acls.get(r.name()));
                }
                for (AclExpr e : exprs) {
                    if (transport(AclExprs.criterion(e, catalog))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean transport(Criterion c) {
        String f = c.fetch();
        if (f.startsWith("ssl_") || f.startsWith("req.ssl_") || f.startsWith("fc_") || f.equals("dst_port")
                || f.equals("dst") || f.startsWith("so_") || f.equals("var") || f.equals("fe_name")
                || f.equals("fe_id")) {
            return true;
        }
        boolean header = f.equals("req.hdr") || f.equals("req.fhdr") || f.equals("hdr") || f.equals("fhdr")
                || f.startsWith("hdr_") || f.startsWith("req.hdr");
        return header && TRANSPORT_HEADERS.contains(c.firstArg().toLowerCase(Locale.ROOT));
    }

    private static Truth not(Truth t) {
        return switch (t) {
            case TRUE -> Truth.FALSE;
            case FALSE -> Truth.TRUE;
            case UNKNOWN -> Truth.UNKNOWN;
        };
    }

    private static Truth and(Truth a, Truth b) {
        if (a == Truth.FALSE || b == Truth.FALSE) {
            return Truth.FALSE;
        }
        return a == Truth.TRUE && b == Truth.TRUE ? Truth.TRUE : Truth.UNKNOWN;
    }

    private static Truth or(Truth a, Truth b) {
        if (a == Truth.TRUE || b == Truth.TRUE) {
            return Truth.TRUE;
        }
        return a == Truth.FALSE && b == Truth.FALSE ? Truth.FALSE : Truth.UNKNOWN;
    }
}
