package dev.sluice.lint.rules;

import dev.sluice.compiler.catalog.CatalogView;
import dev.sluice.compiler.catalog.FetchSpec;
import dev.sluice.grammar.ast.Directive;
import dev.sluice.grammar.expr.AclExpr;
import dev.sluice.grammar.expr.AclRef;
import dev.sluice.grammar.expr.AnonymousAcl;
import dev.sluice.grammar.expr.Condition;
import dev.sluice.lint.Family;
import dev.sluice.lint.Findings;
import dev.sluice.lint.LintContext;
import dev.sluice.lint.ProxyView;
import dev.sluice.lint.Rule;
import dev.sluice.lint.RuleMeta;
import dev.sluice.lint.Severity;
import dev.sluice.lint.rules.RuleLines.RuleLine;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A TCP-mode frontend whose {@code tcp-request content}, {@code use_backend} or {@code use-server}
 * conditions read the request's bytes ({@code req.ssl_sni}, {@code req.ssl_hello_type},
 * {@code req.payload}, {@code req.len}, HTTP fetches, ...) without a {@code tcp-request
 * inspect-delay}. The rules then run as soon as the connection is accepted, usually before the
 * client has sent anything, and do not match; routing by SNI works only now and then.
 */
public final class TcpContentWithoutInspectDelay implements Rule {

    private static final RuleMeta META = new RuleMeta("tcp-content-without-inspect-delay", Severity.WARNING,
            Family.CORRECTNESS, "A TCP frontend inspects request contents without tcp-request inspect-delay");

    private static final Set<String> SETS = Set.of("tcp-request content", "use_backend", "use-server");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(LintContext context, Findings findings) {
        for (ProxyView fe : context.model().frontends()) {
            if (!fe.mode().equals("tcp") || !fe.own("disabled").isEmpty() || waits(fe)) {
                continue;
            }
            Map<String, List<AclExpr>> acls = new HashMap<>();
            for (Directive d : fe.section().directives()) {
                AclExprs.definition(d).ifPresent(def ->
                        acls.computeIfAbsent(def.name(), k -> new ArrayList<>()).add(def.expr()));
            }
            for (RuleLine r : RuleLines.rules(fe.section())) {
                if (!SETS.contains(r.set())) {
                    continue;
                }
                Optional<Condition> c = RuleLines.condition(r.directive());
                if (c.isEmpty()) {
                    continue;
                }
                Optional<String> fetch = contentFetch(c.get(), acls, context.catalog());
                if (fetch.isPresent()) {
                    findings.report(r.directive(), "this " + r.set() + " rule reads '" + fetch.get()
                            + "' from the request, but " + fe.type() + " '" + fe.name()
                            + "' has no 'tcp-request inspect-delay', so it runs before the data arrives and"
                            + " does not match");
                }
            }
        }
    }

    private static boolean waits(ProxyView fe) {
        Optional<Directive> delay = fe.effective("tcp-request", "inspect-delay");
        return delay.isPresent() && !delay.get().arg(2).matches("0+[a-z]*");
    }

    /** The first fetch of the condition that reads the request buffer. */
    private static Optional<String> contentFetch(Condition c, Map<String, List<AclExpr>> acls, CatalogView catalog) {
        for (AnonymousAcl a : RuleLines.anonymous(c)) {
            Optional<String> f = reads(a.expr(), catalog);
            if (f.isPresent()) {
                return f;
            }
        }
        for (AclRef ref : RuleLines.aclRefs(c)) {
            List<AclExpr> defs = acls.get(ref.name());
            if (defs == null) {
                String predefined = catalog.predefinedAcls().get(ref.name());
                if (predefined != null && content(predefined, catalog)) {
                    return Optional.of(ref.name());
                }
                continue;
            }
            for (AclExpr e : defs) {
                Optional<String> f = reads(e, catalog);
                if (f.isPresent()) {
                    return f;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> reads(AclExpr e, CatalogView catalog) {
        String fetch = AclExprs.criterion(e, catalog).fetch();
        return content(fetch, catalog) ? Optional.of(e.criterion().fetch().name()) : Optional.empty();
    }

    private static boolean content(String fetch, CatalogView catalog) {
        Optional<FetchSpec> spec = catalog.fetch(fetch);
        return spec.isPresent()
                && spec.get().use().stream().anyMatch(u -> u.startsWith("L6REQ") || u.startsWith("HRQ"));
    }
}
