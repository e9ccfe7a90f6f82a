package dev.sluice.runtime;

import dev.sluice.grammar.ast.Config;
import dev.sluice.grammar.ast.Directive;
import dev.sluice.grammar.ast.Section;
import dev.sluice.grammar.ast.SourceSpan;
import dev.sluice.runtime.track.StickAction;
import dev.sluice.runtime.track.TcpRequestRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
            "default-server", "acl", "redirect", "cookie", "hash-type", "fullconn",
            "timeout connect", "timeout client", "timeout server", "timeout tunnel", "timeout http-request",
            "timeout http-keep-alive", "timeout queue", "timeout check", "option forwardfor", "option httpclose",
            "option redispatch", "option http-keep-alive", "option http-server-close", "option allbackups",
            "option httpchk",
            "http-check send", "http-check expect", "retries", "maxconn", "backlog", "http-reuse", "description",
            "disabled", "enabled", "id", "errorfile", "errorloc", "errorloc302", "errorloc303", "errorfiles",
            "balance roundrobin", "balance static-rr", "balance leastconn", "balance first", "balance source",
            "balance uri", "balance url_param", "balance random", "stick-table", "stick on", "stick match",
            "stick store-request", "stick store-response", "tcp-request inspect-delay");

    /** The {@code http-request} and {@code http-response} actions in force. */
    static final Set<String> REQUEST_ACTIONS = dev.sluice.runtime.l7.HttpRules.REQUEST_ACTIONS;
    static final Set<String> RESPONSE_ACTIONS = dev.sluice.runtime.l7.HttpRules.RESPONSE_ACTIONS;

    /** The {@code tcp-request connection}, {@code session} and {@code content} actions in force. */
    static final Set<String> TCP_REQUEST_ACTIONS = TcpRequestRules.ACTIONS;

    /** The {@code tcp-request} rule sets the runtime runs. */
    private static final Set<String> TCP_REQUEST_SETS = Set.of("connection", "session", "content");

    /** Global keywords in force; {@code daemon} is accepted since the process runs in the foreground. */
    static final Set<String> GLOBAL = Set.of("maxconn", "nbthread", "hard-stop-after", "daemon", "stats socket",
            "stats timeout");

    /** The {@code stats socket} options in force, each followed by its value. */
    static final Set<String> STATS_SOCKET_OPTIONS = Set.of("level", "mode", "user", "uid", "group", "gid");

    /** Server options in force. */
    static final Set<String> SERVER_OPTIONS = Set.of("backup", "disabled", "enabled", "weight", "check", "inter",
            "fastinter", "downinter", "rise", "fall", "port", "addr", "cookie", "maxconn", "maxqueue", "minconn", "id",
            "non-stick");

    /** Server options that take a value. */
    private static final Set<String> VALUED = Set.of("weight", "inter", "fastinter", "downinter", "rise", "fall",
            "port", "addr", "cookie", "maxconn", "maxqueue", "minconn", "id");

    /** Keywords with a second word that decides what they do. */
    private static final Set<String> TWO_WORDS = Set.of("timeout", "option", "balance", "no", "stats", "http-request",
            "http-response", "http-after-response", "tcp-request", "tcp-response", "http-check", "tcp-check", "stick");

    private RuntimeCoverage() {
    }

    /** The lines of {@code config} the runtime does not act on, in file order. */
    public static List<Unenforced> unenforced(Config config) {
        List<Unenforced> out = new ArrayList<>();
        for (Section s : (Iterable<Section>) config.sections()::iterator) {
            switch (s.type()) {
                case "global" -> {
                    for (Directive d : s.directives()) {
                        if (!GLOBAL.contains(name(d))) {
                            out.add(new Unenforced(d.span(), name(d)));
                        } else if (name(d).equals("stats socket")) {
                            statsSocketOptions(d, out);
                        }
                    }
                }
                case "defaults", "frontend", "backend", "listen" -> {
                    for (Directive d : s.directives()) {
                        proxyLine(d, out);
                    }
                }
                case "peers" -> {
                    // its tables are in force, each process's own: nothing synchronizes them
                    for (Directive d : s.directives()) {
                        if (!d.keyword().equals("table")) {
                            out.add(new Unenforced(d.span(), "peers '" + d.keyword() + "'"));
                        }
                    }
                }
                default -> out.add(new Unenforced(s.span(), "section '" + s.type() + "'"));
            }
        }
        return out;
    }

    /**
     * The line that a runtime refusal is about: {@code message} names what the runtime cannot do in
     * quotes ({@code sample fetch 'req.body' is not supported by the runtime}); the first line of a
     * proxy section that uses that name as a word or as a call in one ({@code req.body},
     * {@code req.body(...)}, {@code {req.body ...}}) is the one. Empty when there is no quoted name
     * or no such line.
     */
    public static Optional<SourceSpan> lineOf(Config config, String message) {
        Matcher quoted = Pattern.compile("'([^']+)'").matcher(message);
        if (!quoted.find()) {
            return Optional.empty();
        }
        Pattern use = Pattern.compile("(?<![\\w.-])" + Pattern.quote(quoted.group(1)) + "(?![\\w.-])");
        for (Section s : (Iterable<Section>) config.sections()::iterator) {
            for (Directive d : s.directives()) {
                for (int i = 1; i < d.words().size(); i++) {
                    if (use.matcher(d.words().get(i).value()).find()) {
                        return Optional.of(d.span());
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** The first option of a {@code stats socket} line the runtime does not act on, if any. */
    private static void statsSocketOptions(Directive d, List<Unenforced> out) {
        for (int i = 3; i < d.words().size(); i += 2) {
            if (!STATS_SOCKET_OPTIONS.contains(d.arg(i))) {
                out.add(new Unenforced(d.words().get(i).span(), "stats socket option '" + d.arg(i) + "'"));
                return;
            }
        }
    }

    private static void proxyLine(Directive d, List<Unenforced> out) {
        String name = name(d);
        if (d.keyword().equals("http-request") || d.keyword().equals("http-response")) {
            String action = d.arg(1).contains("(") ? d.arg(1).substring(0, d.arg(1).indexOf('(')) : d.arg(1);
            Set<String> known = d.keyword().equals("http-request") ? REQUEST_ACTIONS : RESPONSE_ACTIONS;
            if (!known.contains(action)) {
                out.add(new Unenforced(d.span(), name));
                return;
            }
            for (int i = 2; i < d.words().size(); i++) {
                if (d.arg(i).equals("lf-file")) { // an answer's body from a file of log-format text
                    out.add(new Unenforced(d.words().get(i).span(), "option 'lf-file' of " + name));
                }
            }
            return;
        }
        if (d.keyword().equals("tcp-request") && TCP_REQUEST_SETS.contains(d.arg(1))) {
            String action = d.words().size() > 2 ? StickAction.stem(d.arg(2)) : "";
            if (!TCP_REQUEST_ACTIONS.contains(action)) {
                out.add(new Unenforced(d.span(), name + " " + action));
            }
            return;
        }
        if (d.keyword().equals("balance") && d.arg(1).startsWith("hdr(")) {
            return;
        }
        if (!PROXY.contains(name)) {
            out.add(new Unenforced(d.span(), name));
            return;
        }
        switch (d.keyword()) {
            case "server", "default-server" -> {
                int first = d.keyword().equals("server") ? 3 : 1;
                for (int i = first; i < d.words().size(); i++) {
                    String option = d.arg(i);
                    if (!SERVER_OPTIONS.contains(option)) {
                        out.add(new Unenforced(d.words().get(i).span(), "server option '" + option + "'"));
                        return;
                    }
                    if (VALUED.contains(option)) {
                        i++;
                    }
                }
            }
            case "bind" -> {
                if (d.words().size() > 2) {
                    out.add(new Unenforced(d.words().get(2).span(), "bind option '" + d.arg(2) + "'"));
                }
            }
            case "stick-table" -> {
                for (int i = 1; i < d.words().size(); i++) {
                    if (d.arg(i).equals("peers")) {
                        out.add(new Unenforced(d.words().get(i).span(),
                                "stick-table option 'peers' (no synchronization)"));
                    }
                }
            }
            default -> { }
        }
    }

    private static String name(Directive d) {
        return TWO_WORDS.contains(d.keyword()) && d.words().size() > 1 ? d.keyword() + " " + d.arg(1) : d.keyword();
    }
}
