package dev.sluice.lint.rules;

import dev.sluice.grammar.ast.Section;
import dev.sluice.grammar.ast.Word;
import dev.sluice.grammar.expr.AclExpr;
import dev.sluice.lint.Family;
import dev.sluice.lint.Findings;
import dev.sluice.lint.Fix;
import dev.sluice.lint.LintContext;
import dev.sluice.lint.Rule;
import dev.sluice.lint.RuleMeta;
import dev.sluice.lint.Severity;
import dev.sluice.lint.rules.AclExprs.Criterion;
import dev.sluice.lint.rules.AclExprs.Use;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * An ACL that compares the {@code Host} header with string patterns without {@code -i}. Host names
 * are case-insensitive and clients send them as the user typed them, so {@code Example.com} slips
 * past a rule written for {@code example.com}. The fix adds {@code -i}. Patterns without letters
 * (addresses), a {@code lower} or {@code upper} converter and a regex with {@code (?i)} are left
 * out.
 */
public final class HostMatchCaseSensitive implements Rule {

    private static final RuleMeta META = new RuleMeta("host-match-case-sensitive", Severity.WARNING,
            Family.CORRECTNESS, "An ACL matches the Host header case-sensitively (without -i)");

    private static final Set<String> HEADER_FETCHES = Set.of("req.hdr", "req.fhdr", "hdr", "fhdr");
    private static final Set<String> STRING_METHODS = Set.of("str", "beg", "end", "sub", "dom", "dir", "reg");

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
            for (Use use : AclExprs.all(s)) {
                Criterion c = AclExprs.criterion(use.expr(), context.catalog());
                if (!HEADER_FETCHES.contains(c.fetch()) || !c.firstArg().equalsIgnoreCase("host") || c.ignoreCase()
                        || !STRING_METHODS.contains(c.method()) || normalizesCase(c) || !hasLetters(c)) {
                    continue;
                }
                if (c.method().equals("reg") && c.patterns().stream().anyMatch(p -> p.value().contains("(?i)"))) {
                    continue;
                }
                Word criterion = use.expr().criterionWord();
                findings.report(criterion.span(), use.describe() + " compares the Host header with '"
                        + c.keyword() + "' case-sensitively, so 'Example.com' does not match 'example.com': add -i",
                        fix(use.expr()));
            }
        }
    }

    private static boolean normalizesCase(Criterion c) {
        return c.converters().stream().anyMatch(v -> v.name().equals("lower") || v.name().equals("upper"));
    }

    private static boolean hasLetters(Criterion c) {
        if (!c.files().isEmpty()) {
            return true;
        }
        return c.patterns().stream().anyMatch(p -> p.value().chars().anyMatch(Character::isLetter));
    }

    /** Inserts {@code -i } before the first word after the criterion. */
    private static Fix fix(AclExpr e) {
        List<Word> after = new ArrayList<>();
        e.flags().forEach(f -> after.add(f.word()));
        after.addAll(e.values());
        Word criterion = e.criterionWord();
        Word next = after.stream()
                .filter(w -> w.span().line() == criterion.span().line()
                        && w.span().column() > criterion.span().column())
                .min((a, b) -> Integer.compare(a.span().column(), b.span().column()))
                .orElse(null);
        if (next == null) {
            return null;
        }
        return new Fix("add '-i' to match the Host header whatever its case",
                List.of(new Fix.Edit(next.span().file(), next.span().line(), next.span().column(), 0, "-i ")));
    }
}
