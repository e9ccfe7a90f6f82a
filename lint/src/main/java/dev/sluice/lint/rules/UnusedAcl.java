package dev.sluice.lint.rules;

import dev.sluice.grammar.ast.Directive;
import dev.sluice.grammar.ast.Section;
import dev.sluice.grammar.ast.Word;
import dev.sluice.grammar.expr.AclDefinition;
import dev.sluice.grammar.expr.AclRef;
import dev.sluice.grammar.expr.Condition;
import dev.sluice.lint.Family;
import dev.sluice.lint.Findings;
import dev.sluice.lint.LintContext;
import dev.sluice.lint.Rule;
import dev.sluice.lint.RuleMeta;
import dev.sluice.lint.Severity;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An ACL declared in a section that no condition of that section uses. HAProxy resolves ACL names
 * within the section, so an ACL used elsewhere does not count.
 */
public final class UnusedAcl implements Rule {

    private static final RuleMeta META = new RuleMeta("unused-acl", Severity.WARNING, Family.CORRECTNESS,
            "An ACL is declared but no condition of its section uses it");

    /** The {@code acl(name1,!name2)} sample fetch, which evaluates ACLs by name. */
    private static final Pattern ACL_FETCH = Pattern.compile("(?<![\\w.])acl\\(([^)]*)\\)");

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
            Map<String, Word> declared = new LinkedHashMap<>();
            Set<String> used = new HashSet<>();
            for (Directive d : s.directives()) {
                Optional<AclDefinition> def = AclExprs.definition(d);
                def.ifPresent(a -> declared.putIfAbsent(a.name(), a.nameWord()));
                Optional<Condition> c = RuleLines.condition(d);
                c.ifPresent(cond -> RuleLines.aclRefs(cond).stream().map(AclRef::name).forEach(used::add));
                for (Word w : d.args()) {
                    Matcher m = ACL_FETCH.matcher(w.value());
                    while (m.find()) {
                        for (String name : m.group(1).split(",")) {
                            used.add(name.strip().replaceFirst("^!+", ""));
                        }
                    }
                }
            }
            for (Map.Entry<String, Word> e : declared.entrySet()) {
                if (!used.contains(e.getKey())) {
                    String where = RuleLines.describe(s);
                    String hint = s.type().equals("defaults")
                            ? " (proxies do not see the ACLs of a defaults section)"
                            : "";
                    findings.report(e.getValue(), "ACL '" + e.getKey() + "' is declared in " + where
                            + " but no condition there uses it" + hint);
                }
            }
        }
    }
}
