package dev.sluice.lint.rules;

import dev.sluice.grammar.ast.Directive;
import dev.sluice.grammar.ast.Section;
import dev.sluice.lint.Family;
import dev.sluice.lint.Findings;
import dev.sluice.lint.LintContext;
import dev.sluice.lint.Rule;
import dev.sluice.lint.RuleMeta;
import dev.sluice.lint.Severity;
import dev.sluice.lint.rules.RuleLines.RuleLine;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The same rule, {@code acl} line or {@code option} line written twice in one section, word for
 * word. The copy adds nothing, or runs an action twice; usually one of the two was meant to say
 * something else.
 */
public final class DuplicateRule implements Rule {

    private static final RuleMeta META = new RuleMeta("duplicate-rule", Severity.WARNING, Family.CORRECTNESS,
            "The same rule, ACL or option line appears twice in a section");

    /** The keywords whose lines are compared; check sequences (tcp-check, http-check) repeat steps on purpose. */
    private static final Set<String> KEYWORDS = Set.of("acl", "option", "http-request", "http-response",
            "http-after-response", "tcp-request", "tcp-response", "quic-initial", "use_backend", "use-server",
            "redirect", "stick", "monitor", "force-persist", "ignore-persist");

    /** Actions that change the request, the response or variables, which later rules may depend on. */
    private static final List<String> CHANGING = List.of("set-", "unset-", "add-", "del-", "replace-", "sc-",
            "normalize-", "track-sc", "capture", "strict-mode", "lua.");

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
            Map<String, Integer> seen = new HashMap<>();
            List<Directive> lines = s.directives();
            for (int i = 0; i < lines.size(); i++) {
                Directive d = lines.get(i);
                String keyword = d.keyword().equals("no") ? d.arg(1) : d.keyword();
                if (!KEYWORDS.contains(keyword)) {
                    continue;
                }
                String key = String.join("\0", d.words().stream().map(w -> w.value()).toList());
                Integer first = seen.put(key, i);
                if (first != null && (RuleLines.rule(d).isEmpty() || !changedBetween(lines, first, i))) {
                    findings.report(d, "'" + RuleLines.shortText(d) + "' repeats line "
                            + lines.get(first).span().line() + " of " + RuleLines.describe(s));
                }
            }
        }
    }

    /**
     * True when a rule between the two copies changes state (a variable, a header, a counter):
     * the second copy may then do something the first did not, as in a sequence that sets a
     * variable, uses it, changes it and sets it back.
     */
    private static boolean changedBetween(List<Directive> lines, int first, int second) {
        for (int i = first + 1; i < second; i++) {
            Optional<RuleLine> r = RuleLines.rule(lines.get(i));
            if (r.isPresent() && CHANGING.stream().anyMatch(p -> r.get().action().startsWith(p))) {
                return true;
            }
        }
        return false;
    }
}
