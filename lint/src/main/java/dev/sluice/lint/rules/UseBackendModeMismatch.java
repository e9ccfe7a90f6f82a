package dev.sluice.lint.rules;

import dev.sluice.grammar.ast.Directive;
import dev.sluice.lint.Family;
import dev.sluice.lint.Findings;
import dev.sluice.lint.LintContext;
import dev.sluice.lint.ProxyView;
import dev.sluice.lint.Rule;
import dev.sluice.lint.RuleMeta;
import dev.sluice.lint.Severity;
import java.util.Optional;

/**
 * A {@code use_backend} or {@code default_backend} that sends a frontend's traffic to a backend of
 * another mode. HAProxy refuses an HTTP frontend with a TCP backend; it accepts a TCP frontend with
 * an HTTP backend and upgrades the connection to HTTP on the way, which only works if the traffic
 * is plain HTTP. A frontend that switches to HTTP itself ({@code tcp-request content switch-mode
 * http}) is left out.
 */
public final class UseBackendModeMismatch implements Rule {

    private static final RuleMeta META = new RuleMeta("use-backend-mode-mismatch", Severity.WARNING,
            Family.CORRECTNESS, "A frontend routes to a backend whose mode (http or tcp) differs from its own");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(LintContext context, Findings findings) {
        for (ProxyView fe : context.model().frontends()) {
            if (!fe.own("disabled").isEmpty()) {
                continue;
            }
            boolean switches = fe.own("tcp-request", "content").stream()
                    .anyMatch(d -> d.arg(2).equals("switch-mode") && d.arg(3).equals("http"));
            for (Directive d : fe.own("use_backend")) {
                if (!RuleLines.isDynamicBackend(d.arg(1))) {
                    check(context, fe, d.arg(1), d, switches, findings, "use_backend");
                }
            }
            Optional<Directive> def = fe.effective("default_backend");
            if (def.isPresent()) {
                check(context, fe, def.get().arg(1), def.get(), switches, findings, "default_backend");
            }
        }
    }

    private static void check(LintContext context, ProxyView fe, String name, Directive line, boolean switches,
            Findings findings, String keyword) {
        Optional<ProxyView> be = context.model().backend(name);
        if (be.isEmpty() || be.get() == fe) {
            return;
        }
        String feMode = fe.mode();
        String beMode = be.get().mode();
        if (feMode.equals(beMode) || switches && beMode.equals("http")) {
            return;
        }
        String what = fe.type() + " '" + fe.name() + "' (mode " + feMode + ") sends traffic with " + keyword
                + " to backend '" + name + "' (mode " + beMode + ")";
        String why = feMode.equals("http")
                ? ", which HAProxy refuses"
                : ", which upgrades each connection to HTTP and fails on anything else";
        if (fe.own(keyword).contains(line)) {
            findings.report(line, what + why);
        } else {
            findings.report(fe.section(), what + " (inherited from line " + line.span().line() + ")" + why);
        }
    }
}
