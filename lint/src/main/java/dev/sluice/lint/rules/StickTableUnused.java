package dev.sluice.lint.rules;

import dev.sluice.grammar.ast.Directive;
import dev.sluice.grammar.ast.Section;
import dev.sluice.grammar.ast.Word;
import dev.sluice.lint.Family;
import dev.sluice.lint.Findings;
import dev.sluice.lint.LintContext;
import dev.sluice.lint.Rule;
import dev.sluice.lint.RuleMeta;
import dev.sluice.lint.Severity;
import dev.sluice.lint.rules.StickTables.Table;
import dev.sluice.lint.rules.StickTables.Track;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stick table that nothing fills or reads: no {@code track-scN} rule tracks into it, no
 * {@code stick} rule uses it, no {@code table} argument, {@code src_*} fetch or table converter
 * names it. It takes memory (and peers traffic) for nothing. Configurations that load Lua are left
 * out, as a script may use any table.
 */
public final class StickTableUnused implements Rule {

    private static final RuleMeta META = new RuleMeta("stick-table-unused", Severity.WARNING, Family.CORRECTNESS,
            "A stick table is declared but nothing tracks, sticks to or reads it");

    private static final Pattern ARGUMENTS = Pattern.compile("\\(([^()]*)\\)");
    private static final Pattern OWN_TABLE_FETCH = Pattern.compile(
            "(?<![\\w.-])src_(?!port\\b|is_local\\b)[a-z0-9_]+(?:\\(\\s*\\))?(?![\\w(])");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(LintContext context, Findings findings) {
        if (!context.model().global("lua-load").isEmpty() || !context.model().global("lua-load-per-thread").isEmpty()) {
            return;
        }
        Map<String, Table> tables = StickTables.declared(context);
        Set<String> used = new HashSet<>();
        for (Section s : (Iterable<Section>) context.config().sections()::iterator) {
            if (!RuleLines.PROXY_SECTIONS.contains(s.type())) {
                continue;
            }
            String own = s.name().orElse("");
            for (Track t : StickTables.tracks(s)) {
                used.add(t.tableName());
            }
            for (Directive d : s.directives()) {
                if (d.keyword().equals("stick-table")) {
                    continue;
                }
                if (d.keyword().equals("stick")) {
                    boolean named = false;
                    for (int i = 2; i + 1 < d.words().size(); i++) {
                        named |= d.arg(i).equals("table");
                    }
                    if (!named) {
                        used.add(own);
                    }
                }
                List<Word> w = d.words();
                for (int i = 1; i < w.size(); i++) {
                    String v = w.get(i).value();
                    if (w.get(i - 1).value().equals("table")) {
                        used.add(v);
                    }
                    Matcher args = ARGUMENTS.matcher(v);
                    while (args.find()) {
                        for (String a : args.group(1).split(",")) {
                            used.add(a.strip());
                        }
                    }
                    if (OWN_TABLE_FETCH.matcher(v).find()) {
                        used.add(own);
                    }
                }
            }
        }
        Map<Table, Boolean> reported = new IdentityHashMap<>();
        for (Map.Entry<String, Table> e : tables.entrySet()) {
            Table t = e.getValue();
            if (reported.containsKey(t)) {
                continue;
            }
            boolean isUsed = used.contains(t.name())
                    || tables.entrySet().stream().anyMatch(o -> o.getValue() == t && used.contains(o.getKey()));
            reported.put(t, isUsed);
            if (!isUsed) {
                findings.report(t.line(), t.describe() + " (in " + RuleLines.describe(t.section())
                        + ") is never used: no track-sc rule, stick rule or table lookup refers to it");
            }
        }
    }
}
