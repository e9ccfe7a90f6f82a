package dev.sluice.lint.rules;

import dev.sluice.grammar.ast.Directive;
import dev.sluice.grammar.ast.Section;
import dev.sluice.grammar.expr.AclDefinition;
import dev.sluice.grammar.expr.AclRef;
import dev.sluice.grammar.expr.Condition;
import dev.sluice.lint.Family;
import dev.sluice.lint.Findings;
import dev.sluice.lint.LintContext;
import dev.sluice.lint.ProxyView;
import dev.sluice.lint.Rule;
import dev.sluice.lint.RuleMeta;
import dev.sluice.lint.Severity;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A condition names an ACL that is neither predefined nor declared above it in the same section.
 * HAProxy looks a name up when it reads the line: an ACL declared further down, in another
 * section, or in the {@code defaults} section the proxy inherits from is not found.
 */
public final class UndeclaredAcl implements Rule {

    private static final RuleMeta META = new RuleMeta("undeclared-acl", Severity.ERROR, Family.CORRECTNESS,
            "A condition uses an ACL that is not declared above it in its section nor predefined");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(LintContext context, Findings findings) {
        Set<String> predefined = context.catalog().predefinedAcls().keySet();
        Map<Section, List<Section>> defaultsOf = new HashMap<>();
        for (ProxyView p : context.model().proxies()) {
            defaultsOf.put(p.section(), p.defaults());
        }
        for (Section s : (Iterable<Section>) context.config().sections()::iterator) {
            if (!RuleLines.PROXY_SECTIONS.contains(s.type())) {
                continue;
            }
            Map<String, Directive> everywhere = new HashMap<>();
            for (Directive d : s.directives()) {
                AclExprs.definition(d).ifPresent(a -> everywhere.putIfAbsent(a.name(), d));
            }
            Set<String> above = new HashSet<>();
            for (Directive d : s.directives()) {
                Optional<AclDefinition> def = AclExprs.definition(d);
                if (def.isPresent()) {
                    above.add(def.get().name());
                    continue;
                }
                Optional<Condition> c = RuleLines.condition(d);
                if (c.isEmpty()) {
                    continue;
                }
                for (AclRef ref : RuleLines.aclRefs(c.get())) {
                    String name = ref.name();
                    if (above.contains(name) || predefined.contains(name)) {
                        continue;
                    }
                    findings.report(ref.word(), message(name, s, everywhere.get(name),
                            defaultsOf.getOrDefault(s, List.of())));
                }
            }
        }
    }

    private static String message(String name, Section s, Directive later, List<Section> defaults) {
        String where = RuleLines.describe(s);
        if (later != null) {
            return "ACL '" + name + "' is used before its declaration on line " + later.span().line() + " of "
                    + where + ": HAProxy only finds ACLs declared above the line that uses them";
        }
        for (Section d : defaults) {
            for (Directive line : d.directives()) {
                Optional<AclDefinition> def = AclExprs.definition(line);
                if (def.isPresent() && def.get().name().equals(name)) {
                    return "ACL '" + name + "' is declared in " + RuleLines.describe(d) + " (line "
                            + line.span().line() + "), whose ACLs only its own rules can use, not " + where;
                }
            }
        }
        return "ACL '" + name + "' is not declared in " + where + " and is not a predefined ACL";
    }
}
