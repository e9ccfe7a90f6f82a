package dev.sluice.lint.rules;

import dev.sluice.grammar.ast.Directive;
import dev.sluice.grammar.ast.Section;
import dev.sluice.lint.LintContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The lines that carry TLS settings, as written: {@code bind}, {@code server},
 * {@code default-server} and {@code server-template} lines of every section (a disabled proxy's
 * excepted), and the global {@code ssl-default-*} lines.
 */
final class TlsLines {

    private static final Set<String> KEYWORDS = Set.of("bind", "server", "default-server", "server-template",
            "ssl-default-bind-options", "ssl-default-server-options", "ssl-default-bind-ciphers",
            "ssl-default-server-ciphers");

    private TlsLines() {
    }

    static List<Directive> of(LintContext context) {
        List<Directive> found = new ArrayList<>();
        for (Section s : (Iterable<Section>) context.config().sections()::iterator) {
            if (s.directives().stream().anyMatch(d -> d.keyword().equals("disabled")) && !s.type().equals("defaults")) {
                continue;
            }
            for (Directive d : s.directives()) {
                if (KEYWORDS.contains(d.keyword()) && (s.type().equals("global") == d.keyword().startsWith("ssl-"))) {
                    found.add(d);
                }
            }
        }
        return found;
    }

    /** How to name the line in a message: {@code bind :443}, {@code server web1}, {@code ssl-default-bind-options}. */
    static String describe(Directive d) {
        return switch (d.keyword()) {
            case "bind" -> "bind " + d.arg(1);
            case "server", "server-template" -> d.keyword() + " " + d.arg(1);
            default -> d.keyword();
        };
    }
}
