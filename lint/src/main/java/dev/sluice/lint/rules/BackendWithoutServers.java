package dev.sluice.lint.rules;

import dev.sluice.compiler.catalog.ActionSpec;
import dev.sluice.grammar.ast.Directive;
import dev.sluice.lint.Family;
import dev.sluice.lint.Findings;
import dev.sluice.lint.LintContext;
import dev.sluice.lint.ProxyView;
import dev.sluice.lint.Rule;
import dev.sluice.lint.RuleMeta;
import dev.sluice.lint.Severity;
import dev.sluice.lint.rules.RuleLines.RuleLine;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * A backend that traffic is routed to (by a fixed {@code use_backend} or {@code default_backend},
 * or a {@code listen} section serving its own traffic) with no {@code server}, and nothing else
 * that answers: no statistics page, no rule that always answers ({@code http-request return},
 * {@code redirect}, {@code deny}, {@code use-service}, ...), no custom 503 page. Every request
 * sent there gets a 503.
 */
public final class BackendWithoutServers implements Rule {

    private static final RuleMeta META = new RuleMeta("backend-without-servers", Severity.WARNING,
            Family.CORRECTNESS, "A backend that receives traffic has no server and nothing else that answers");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(LintContext context, Findings findings) {
        Set<String> routed = new HashSet<>();
        for (ProxyView fe : context.model().frontends()) {
            if (!fe.own("disabled").isEmpty()) {
                continue;
            }
            for (Directive d : fe.own("use_backend")) {
                if (!RuleLines.isDynamicBackend(d.arg(1))) {
                    routed.add(d.arg(1));
                }
            }
            Optional<Directive> def = fe.effective("default_backend");
            if (def.isPresent()) {
                routed.add(def.get().arg(1));
            } else if (fe.isBackend()) {
                routed.add(fe.name());
            }
        }
        for (ProxyView be : context.model().backends()) {
            if (!routed.contains(be.name()) || !be.own("disabled").isEmpty() || answers(be, context)) {
                continue;
            }
            findings.report(be.section(), be.type() + " '" + be.name()
                    + "' receives traffic but has no server, so every request routed to it gets a 503");
        }
    }

    private static boolean answers(ProxyView be, LintContext context) {
        if (!be.own("server").isEmpty() || !be.own("server-template").isEmpty() || !be.own("dispatch").isEmpty()
                || be.effective("transparent").isPresent() || be.option("transparent")
                || be.effective("stats", "enable").isPresent() || be.effective("stats", "uri").isPresent()) {
            return true;
        }
        for (Directive d : be.own("errorfile")) {
            if (d.arg(1).equals("503")) {
                return true;
            }
        }
        for (Directive d : be.own("http-error")) {
            if (d.arg(1).equals("status") && d.arg(2).equals("503")) {
                return true;
            }
        }
        for (RuleLine r : RuleLines.rules(be.section())) {
            if (r.conditional()) {
                continue;
            }
            boolean answers = switch (r.set()) {
                case "redirect" -> true;
                case "http-request", "tcp-request content", "tcp-request connection", "tcp-request session" ->
                        context.catalog().action(r.set(), r.action()).map(ActionSpec::isFinal).orElse(false)
                                && !r.action().equals("allow") && !r.action().equals("accept");
                default -> false;
            };
            if (answers) {
                return true;
            }
        }
        return false;
    }
}
