package dev.sluice.runtime;

import dev.sluice.grammar.ast.Config;
import dev.sluice.grammar.ast.Directive;
import dev.sluice.grammar.ast.Section;
import dev.sluice.grammar.ast.SourceSpan;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What the runtime does with each line of a configuration: the lines the checker accepts but the
 * runtime does not act on are reported once at start, so nobody believes a setting is in force
 * when it is not. The README's coverage table lists the same keywords.
 */
public final class RuntimeCoverage {

    /** A line the runtime does not act on, and what of it is ignored. */
    public record Unenforced(SourceSpan span, String what) {}

    /** Proxy keywords in force (a keyword followed by its second word where that matters). */
    static final Set<String> PROXY = Set.of("mode", "bind", "default_backend", "use_backend", "server",
            "timeout connect", "timeout client", "timeout server", "timeout tunnel", "timeout http-request",
            "timeout http-keep-alive", "option forwardfor", "option httpclose", "option redispatch",
            "option http-keep-alive", "retries", "maxconn", "backlog", "http-reuse", "description", "disabled",
            "enabled", "id", "balance roundrobin", "errorfile", "errorloc", "errorloc302", "errorloc303",
            "errorfiles");

    /** Global keywords in force; {@code daemon} is accepted since the process runs in the foreground. */
    static final Set<String> GLOBAL = Set.of("maxconn", "nbthread", "hard-stop-after", "daemon");

    /** Server options in force. */
    static final Set<String> SERVER_OPTIONS = Set.of("backup", "disabled", "enabled", "weight");

    /** Keywords with a second word that decides what they do. */
    private static final Set<String> TWO_WORDS = Set.of("timeout", "option", "balance", "no", "stats", "http-request",
            "http-response", "http-after-response", "tcp-request", "tcp-response", "http-check", "tcp-check");

    private RuntimeCoverage() {
    }

    /** The lines of {@code config} the runtime does not act on, in file order. */
    public static List<Unenforced> unenforced(Config config) {
        List<Unenforced> out = new ArrayList<>();
        for (Section s : (Iterable<Section>) config.sections()::iterator) {
            switch (s.type()) {
                case "global" -> {
                    for (Directive d : s.directives()) {
                        if (!GLOBAL.contains(d.keyword())) {
                            out.add(new Unenforced(d.span(), name(d)));
                        }
                    }
                }
                case "defaults", "frontend", "backend", "listen" -> {
                    for (Directive d : s.directives()) {
                        proxyLine(d, out);
                    }
                }
                default -> out.add(new Unenforced(s.span(), "section '" + s.type() + "'"));
            }
        }
        return out;
    }

    private static void proxyLine(Directive d, List<Unenforced> out) {
        String name = name(d);
        if (!PROXY.contains(name)) {
            out.add(new Unenforced(d.span(), name));
            return;
        }
        switch (d.keyword()) {
            case "use_backend" -> {
                if (d.words().size() > 2) {
                    out.add(new Unenforced(d.span(), "use_backend with a condition"));
                }
            }
            case "server", "default-server" -> {
                int first = d.keyword().equals("server") ? 3 : 1;
                for (int i = first; i < d.words().size(); i++) {
                    String option = d.arg(i);
                    if (!SERVER_OPTIONS.contains(option)) {
                        out.add(new Unenforced(d.words().get(i).span(), "server option '" + option + "'"));
                        return;
                    }
                    if (option.equals("weight")) {
                        i++;
                    }
                }
            }
            case "bind" -> {
                if (d.words().size() > 2) {
                    out.add(new Unenforced(d.words().get(2).span(), "bind option '" + d.arg(2) + "'"));
                }
            }
            default -> { }
        }
    }

    private static String name(Directive d) {
        return TWO_WORDS.contains(d.keyword()) && d.words().size() > 1 ? d.keyword() + " " + d.arg(1) : d.keyword();
    }
}
