package dev.sluice.lint.rules;

import dev.sluice.compiler.catalog.ActionSpec;
import dev.sluice.compiler.catalog.KeywordSpec;
import dev.sluice.grammar.HaproxyVersion;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A keyword, or a rule action, that the target HAProxy version documents as deprecated: it still
 * works, with a warning, and a later version removes it. The message names the replacement where
 * there is one.
 *
 * <p>The catalog marks a keyword deprecated when any of its forms is; for the keywords where only
 * one form is ({@code compression direction}, a bare {@code master-worker}) the rule looks at the
 * form, and it leaves {@code expose-deprecated-directives} alone (it silences deprecation warnings,
 * it is not deprecated). {@code filter compression}, deprecated in 3.4 in favour of the
 * {@code comp-req} and {@code comp-res} filters, is checked too.
 */
public final class DeprecatedKeyword implements Rule {

    private static final RuleMeta META = new RuleMeta("deprecated-keyword", Severity.WARNING, Family.DEPRECATION,
            "A keyword or action is deprecated in the target HAProxy version");

    /** What to use instead, by keyword (or action). */
    private static final Map<String, String> REPLACEMENT = Map.ofEntries(
            Map.entry("option transparent", "declare a server with address 0.0.0.0 instead"),
            Map.entry("dispatch", "declare the address as a 'server' line instead"),
            Map.entry("bind-process", "remove it, as HAProxy runs one process with several threads"),
            Map.entry("nbproc", "use 'nbthread' instead"),
            Map.entry("master-worker", "start HAProxy with -W or -Ws instead"),
            Map.entry("compression",
                    "declare 'filter comp-req' and/or 'filter comp-res' for the directions to compress"),
            Map.entry("option accept-invalid-http-request", "use 'option accept-unsafe-violations-in-http-request'"),
            Map.entry("option accept-invalid-http-response", "use 'option accept-unsafe-violations-in-http-response'"),
            Map.entry("tune.ssl.capture-cipherlist-size", "use 'tune.ssl.capture-buffer-size'"),
            Map.entry("tune.ssl.ocsp-update.maxdelay", "use 'ocsp-update.maxdelay'"),
            Map.entry("tune.ssl.ocsp-update.mindelay", "use 'ocsp-update.mindelay'"),
            Map.entry("set-mark", "use 'set-fc-mark', of which it is an alias"),
            Map.entry("set-tos", "use 'set-fc-tos', of which it is an alias"));

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(LintContext context, Findings findings) {
        HaproxyVersion target = context.target();
        for (Section s : (Iterable<Section>) context.config().sections()::iterator) {
            for (Directive d : s.directives()) {
                List<String> words = d.words().stream().map(Word::value).toList();
                Optional<KeywordSpec> spec = context.catalog().lookup(s.type(), words);
                if (spec.isPresent() && spec.get().deprecated() && wholeKeyword(spec.get().name(), d)) {
                    String name = spec.get().name();
                    String shown = name.equals("compression") ? "compression direction" : name;
                    findings.report(d, "'" + shown + "' is deprecated since HAProxy "
                            + spec.get().deprecatedSince().get() + ": " + advice(name, target));
                    continue;
                }
                boolean filter = d.keyword().equals("filter") && d.arg(1).equals("compression");
                if (filter && target.atLeast(HaproxyVersion.V3_4)) {
                    findings.report(d, "'filter compression' is deprecated since HAProxy 3.4: "
                            + REPLACEMENT.get("compression"));
                    continue;
                }
                Optional<RuleLine> rule = RuleLines.rule(d);
                if (rule.isEmpty() || rule.get().actionIndex() == 0) {
                    continue;
                }
                Optional<ActionSpec> action = context.catalog().action(rule.get().set(), rule.get().action());
                if (action.isPresent() && action.get().deprecatedSince().filter(target::atLeast).isPresent()) {
                    String name = action.get().name();
                    Word w = d.words().get(rule.get().actionIndex());
                    findings.report(w, "'" + rule.get().set() + " " + name + "' is deprecated since HAProxy "
                            + action.get().deprecatedSince().get() + ": " + advice(name, target));
                }
            }
        }
    }

    /** False for the keywords whose catalog entry is deprecated because of one form this line does not use. */
    private static boolean wholeKeyword(String name, Directive d) {
        return switch (name) {
            case "compression" -> d.arg(1).equals("direction");
            case "master-worker" -> d.words().size() == 1;
            case "expose-deprecated-directives" -> false;
            default -> true;
        };
    }

    private static String advice(String name, HaproxyVersion target) {
        if (name.equals("transparent")) {
            return target.atLeast(HaproxyVersion.V3_3) ? REPLACEMENT.get("option transparent")
                    : "use 'option transparent' instead";
        }
        if (name.equals("tune.quic.socket-owner")) {
            return "use 'tune.quic.fe.sock-per-conn' instead";
        }
        if (name.startsWith("tune.quic.")) {
            return "use its 'tune.quic.fe.*' counterpart (QUIC settings are now set per side, 'fe' and 'be')";
        }
        String known = REPLACEMENT.get(name);
        return known != null ? known : "see the HAProxy " + target + " manual for what replaces it";
    }
}
