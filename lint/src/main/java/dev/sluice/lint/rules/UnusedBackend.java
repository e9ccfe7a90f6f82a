package dev.sluice.lint.rules;

import dev.sluice.grammar.ast.Directive;
import dev.sluice.grammar.ast.Section;
import dev.sluice.grammar.ast.Word;
import dev.sluice.lint.Family;
import dev.sluice.lint.Findings;
import dev.sluice.lint.LintContext;
import dev.sluice.lint.ProxyView;
import dev.sluice.lint.Rule;
import dev.sluice.lint.RuleMeta;
import dev.sluice.lint.Severity;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code backend} section that nothing names: no {@code use_backend} or {@code default_backend},
 * no {@code table} argument, sample fetch, {@code track} option, {@code log backend@NAME} target
 * or {@code rhttp@NAME/server} bind. A {@code listen} section is
 * its own frontend and never counts. When a {@code use_backend} picks its backend from a
 * log-format expression, or an SPOE filter names backends in its own file, the rule cannot tell
 * and stays silent.
 */
public final class UnusedBackend implements Rule {

    private static final RuleMeta META = new RuleMeta("unused-backend", Severity.WARNING, Family.CORRECTNESS,
            "A backend is declared but no use_backend or default_backend routes to it");

    /** The arguments between the parentheses of a fetch or converter. */
    private static final Pattern ARGUMENTS = Pattern.compile("\\(([^()]*)\\)");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(LintContext context, Findings findings) {
        Set<String> referenced = new HashSet<>();
        for (Section s : (Iterable<Section>) context.config().sections()::iterator) {
            for (Directive d : s.directives()) {
                if (!collect(d, referenced)) {
                    return; // a backend chosen at run time, or named outside this configuration
                }
            }
        }
        for (ProxyView p : context.model().backends()) {
            if (!p.type().equals("backend") || referenced.contains(p.name()) || !p.own("disabled").isEmpty()) {
                continue;
            }
            boolean tableOnly = !p.own("stick-table").isEmpty() && p.own("server").isEmpty()
                    && p.own("server-template").isEmpty();
            if (tableOnly) {
                continue; // a stick table holder: stick-table-unused judges it
            }
            findings.report(p.section(), "backend '" + p.name()
                    + "' is never used: no use_backend or default_backend routes to it");
        }
    }

    /** Adds the proxy names the line refers to; false when it makes the rule unable to judge. */
    private static boolean collect(Directive d, Set<String> referenced) {
        List<Word> w = d.words();
        switch (d.keyword()) {
            case "use_backend" -> {
                if (RuleLines.isDynamicBackend(d.arg(1))) {
                    return false;
                }
                referenced.add(d.arg(1));
            }
            case "default_backend" -> referenced.add(d.arg(1));
            case "filter" -> {
                if (d.arg(1).equals("spoe")) {
                    return false;
                }
            }
            default -> { }
        }
        for (int i = 1; i < w.size(); i++) {
            String v = w.get(i).value();
            String previous = w.get(i - 1).value();
            if (previous.equals("table") || previous.equals("track")) {
                int slash = v.indexOf('/');
                referenced.add(slash > 0 ? v.substring(0, slash) : v);
            }
            for (String prefix : List.of("backend@", "rhttp@")) {
                if (v.startsWith(prefix)) { // a log backend, a reverse-HTTP bind
                    String rest = v.substring(prefix.length());
                    int slash = rest.indexOf('/');
                    referenced.add(slash > 0 ? rest.substring(0, slash) : rest);
                }
            }
            Matcher m = ARGUMENTS.matcher(v);
            while (m.find()) {
                for (String arg : m.group(1).split(",")) {
                    String a = arg.strip();
                    int slash = a.indexOf('/');
                    referenced.add(slash > 0 ? a.substring(0, slash) : a);
                }
            }
        }
        return true;
    }
}
