package dev.sluice.lint.rules;

import dev.sluice.compiler.catalog.ActionSpec;
import dev.sluice.compiler.catalog.CatalogView;
import dev.sluice.grammar.ast.Directive;
import dev.sluice.grammar.ast.Section;
import dev.sluice.grammar.ast.Word;
import dev.sluice.lint.Family;
import dev.sluice.lint.Findings;
import dev.sluice.lint.LintContext;
import dev.sluice.lint.Rule;
import dev.sluice.lint.RuleMeta;
import dev.sluice.lint.Severity;
import dev.sluice.lint.rules.RuleLines.RuleLine;
import java.util.HashMap;
import java.util.Map;

/**
 * A rule placed after a rule of the same set that has no condition and ends the set: a final
 * action ({@code deny}, {@code redirect}, {@code return}, {@code accept}, {@code reject}, ...),
 * or a {@code use_backend} to a fixed backend. The later rule never runs; after such a
 * {@code use_backend}, the section's {@code default_backend} is never used either.
 */
public final class UnreachableRule implements Rule {

    private static final RuleMeta META = new RuleMeta("unreachable-rule", Severity.WARNING, Family.CORRECTNESS,
            "A rule never runs because an earlier unconditional rule of the same set ends it");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(LintContext context, Findings findings) {
        for (Section s : (Iterable<Section>) context.config().sections()::iterator) {
            if (!RuleLines.PROXY_SECTIONS.contains(s.type())) {
                continue;
            }
            Map<String, RuleLine> enders = new HashMap<>();
            for (RuleLine r : RuleLines.rules(s)) {
                RuleLine ender = enders.get(r.set());
                if (ender != null) {
                    findings.report(r.directive(), "this " + r.set() + " rule never runs: '"
                            + RuleLines.shortText(ender.directive()) + "' on line " + ender.directive().span().line()
                            + " has no condition and ends the " + r.set() + " rules of " + RuleLines.describe(s));
                } else if (!r.conditional() && ends(r, context.catalog())) {
                    enders.put(r.set(), r);
                }
            }
            RuleLine always = enders.get("use_backend");
            if (always != null) {
                for (Directive d : s.directives()) {
                    if (d.keyword().equals("default_backend")) {
                        findings.report(d, "default_backend '" + d.arg(1) + "' is never used: 'use_backend "
                                + always.directive().arg(1) + "' on line " + always.directive().span().line()
                                + " has no condition");
                    }
                }
            }
        }
    }

    /** True when the rule, run, ends the evaluation of its set. */
    static boolean ends(RuleLine r, CatalogView catalog) {
        return switch (r.set()) {
            case "use_backend" -> r.arguments().size() == 1 && !r.directive().arg(1).isEmpty()
                    && !RuleLines.isDynamicBackend(r.directive().arg(1));
            case "redirect" -> r.arguments().size() >= 2 && !dynamic(r);
            case "use-server", "stick", "monitor fail" -> false;
            default -> catalog.action(r.set(), r.action()).map(ActionSpec::isFinal).orElse(false)
                    && !(r.action().equals("redirect") && dynamic(r));
        };
    }

    /** A redirect whose target is built per request is not counted as ending its set: it may build nothing. */
    private static boolean dynamic(RuleLine r) {
        for (Word w : r.arguments()) {
            if (w.value().contains("%[")) {
                return true;
            }
        }
        return false;
    }
}
