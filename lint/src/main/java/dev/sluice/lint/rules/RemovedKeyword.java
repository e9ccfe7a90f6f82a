package dev.sluice.lint.rules;

import dev.sluice.grammar.ast.Directive;
import dev.sluice.grammar.ast.Section;
import dev.sluice.grammar.ast.Word;
import dev.sluice.lint.Family;
import dev.sluice.lint.Findings;
import dev.sluice.lint.Fix;
import dev.sluice.lint.LintContext;
import dev.sluice.lint.Rule;
import dev.sluice.lint.RuleMeta;
import dev.sluice.lint.Severity;
import java.util.List;
import java.util.Map;

/**
 * A keyword the target HAProxy version no longer accepts ({@code reqrep}, {@code contimeout},
 * {@code option forceclose}, {@code nbproc}, ...): HAProxy refuses to start. The message names
 * what to use instead; where the replacement is mechanical (the old timeouts, {@code redispatch},
 * {@code block}, {@code option forceclose}) the fix rewrites the line.
 */
public final class RemovedKeyword implements Rule {

    private static final RuleMeta META = new RuleMeta("removed-keyword", Severity.ERROR, Family.DEPRECATION,
            "A keyword was removed in the target HAProxy version, which refuses the configuration");

    /** What to do instead, where the catalog names no replacement or only one of several. */
    private static final Map<String, String> ADVICE = Map.ofEntries(
            Map.entry("reqrep", "use 'http-request replace-path', 'replace-uri' or 'replace-header' instead"),
            Map.entry("cliexp", "use 'http-request replace-path', 'replace-uri' or 'replace-header' instead"),
            Map.entry("appsession", "use 'cookie' persistence or a stick table instead"),
            Map.entry("bind-process", "remove it, as HAProxy now runs one process with several threads"),
            Map.entry("grace", "remove it"),
            Map.entry("reqpass", "remove it"),
            Map.entry("reqipass", "remove it"),
            Map.entry("option http-tunnel", "remove it, as HAProxy no longer needs it"),
            Map.entry("option http_proxy", "rebuild the forwarding with 'http-request set-dst' rules"),
            Map.entry("nbproc", "remove it and let HAProxy start threads (see 'nbthread')"));

    /** The replacements the fix may write: old keyword word to new words. */
    private static final Map<String, String> MECHANICAL = Map.of("contimeout", "timeout connect", "clitimeout",
            "timeout client", "srvtimeout", "timeout server", "redispatch", "option redispatch", "redisp",
            "option redispatch", "block", "http-request deny", "forceclose", "httpclose");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(LintContext context, Findings findings) {
        String target = context.target().toString();
        for (Section s : (Iterable<Section>) context.config().sections()::iterator) {
            for (Directive d : s.directives()) {
                List<String> words = d.words().stream().map(Word::value).toList();
                var removed = context.catalog().removed(s.type(), words); // the catalog's RemovedKeyword
                if (removed.isEmpty() || removed.get().name().equals("usesrc")) {
                    continue; // usesrc is misplaced, not removed
                }
                var r = removed.get();
                String when = r.removedIn().map(v -> "was removed in HAProxy " + v + ", so HAProxy " + target
                        + " refuses it").orElse("no longer exists in HAProxy " + target);
                String advice = ADVICE.containsKey(r.name()) ? ADVICE.get(r.name())
                        : r.replacement().map(x -> "use '" + x + "' instead")
                                .orElse("rewrite it with current keywords");
                findings.report(d.span(), "'" + r.name() + "' " + when + ": " + advice, fix(d, r.name()));
            }
        }
    }

    /** The rewrite of a line whose replacement keeps its arguments, or null. */
    private static Fix fix(Directive d, String name) {
        boolean negated = d.keyword().equals("no");
        List<Word> w = d.words();
        Word old;
        switch (name) {
            case "contimeout", "clitimeout", "srvtimeout" -> {
                if (negated || w.size() != 2) {
                    return null;
                }
                old = w.get(0);
            }
            case "redispatch", "redisp" -> {
                if (negated || w.size() != 1) {
                    return null;
                }
                old = w.get(0);
            }
            case "block" -> {
                if (negated || w.size() < 3) {
                    return null;
                }
                old = w.get(0);
            }
            case "option forceclose" -> {
                int at = negated ? 2 : 1;
                if (w.size() != at + 1) {
                    return null;
                }
                old = w.get(at);
            }
            default -> {
                return null;
            }
        }
        if (!old.isPlain()) {
            return null;
        }
        String replacement = MECHANICAL.get(old.value());
        return new Fix("'" + old.value() + "' -> '" + replacement + "'", List.of(new Fix.Edit(old.span().file(),
                old.span().line(), old.span().column(), old.raw().length(), replacement)));
    }
}
