package dev.sluice.lint.rules;

import dev.sluice.grammar.ast.Directive;
import dev.sluice.lint.Family;
import dev.sluice.lint.Findings;
import dev.sluice.lint.LintContext;
import dev.sluice.lint.Rule;
import dev.sluice.lint.RuleMeta;
import dev.sluice.lint.Severity;

/** {@code tune.ssl.default-dh-param} below {@value #MIN_BITS} bits: DHE key exchanges breakable (Logjam). */
public final class TlsDhParamSize implements Rule {

    static final int MIN_BITS = 2048;

    private static final RuleMeta META = new RuleMeta("tls-dh-param-size", Severity.WARNING, Family.SECURITY,
            "Diffie-Hellman parameters (tune.ssl.default-dh-param) are below 2048 bits");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(LintContext context, Findings findings) {
        for (Directive d : context.model().global("tune.ssl.default-dh-param")) {
            if (d.words().size() < 2) {
                continue;
            }
            long bits;
            try {
                bits = Long.parseLong(d.arg(1));
            } catch (NumberFormatException e) {
                continue;
            }
            if (bits < MIN_BITS) {
                findings.report(d.words().get(1), "'tune.ssl.default-dh-param " + d.arg(1) + "' allows "
                        + "Diffie-Hellman groups of " + bits + " bits, which a well-funded attacker can break"
                        + " (Logjam); use " + MIN_BITS + " or more");
            }
        }
    }
}
