package dev.sluice.compiler.check;

import dev.sluice.compiler.CheckOptions;
import dev.sluice.grammar.ast.SourceSpan;
import dev.sluice.grammar.ast.Word;
import dev.sluice.grammar.diag.Severity;
import dev.sluice.grammar.expr.ExprSyntaxException;
import dev.sluice.grammar.expr.LogFormat;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The second half of {@code -c}, run once the whole configuration was read without a fatal
 * error, as HAProxy's final validity check: backends that rules point at, modes that must agree,
 * timeouts that should be set.
 */
public final class ValidityPass {

    private final Report report;
    private final CheckOptions options;
    private KeywordPass pass;
    /** Names of the sections that declare a stick table, and of the peers sections' tables. */
    private final Set<String> tables = new HashSet<>();
    private boolean addressesFailed;

    public ValidityPass(Report report, CheckOptions options) {
        this.report = report;
        this.options = options;
    }

    /** Checks what {@code pass} read. */
    public void run(KeywordPass pass) {
        this.pass = pass;
        tables.addAll(pass.peersTables);
        for (ProxyState d : pass.defaultsSections) {
            if (d.stickTable) {
                tables.add(d.name);
            }
        }
        for (ProxyState p : pass.proxies()) {
            if (p.stickTable) {
                tables.add(p.name);
            }
        }
        for (ProxyState d : pass.defaultsSections) {
            if (d.usedByCap != 0) {
                ruleArguments(d);
            }
        }
        for (ProxyState p : pass.proxies()) {
            if (!p.disabled) {
                ruleArguments(p);
            }
        }
        run(pass.proxies());
        if (!report.fatal()) {
            resolveHostNames(pass.proxies());
        }
    }

    /** True when the check ended on server addresses that do not resolve. */
    public boolean addressesFailed() {
        return addressesFailed;
    }

    /**
     * Server host names resolve when HAProxy starts; one that does not is an error, or with
     * {@code -dr} a warning and a disabled server. With {@code --offline}, a notice.
     */
    private void resolveHostNames(List<ProxyState> proxies) {
        boolean failed = false;
        for (ProxyState p : proxies) {
            if (p.disabled) {
                continue;
            }
            for (ProxyState.HostName h : p.hostNames) {
                try {
                    InetAddress.getAllByName(h.host());
                } catch (UnknownHostException e) {
                    String where = "[" + h.span().fileAndLine() + "] : 'server " + p.name + "/" + h.server() + "' : ";
                    if (options.offline()) {
                        report.global(Severity.NOTICE, h.span(), where + "could not resolve address '" + h.host()
                                + "' (offline: not checked).");
                    } else if (options.relaxedDns()) {
                        report.global(Severity.WARNING, h.span(), where + "could not resolve address '" + h.host()
                                + "', disabling server.");
                    } else {
                        report.alertBracketed(h.span(), "'server " + p.name + "/" + h.server()
                                + "' : could not resolve address '" + h.host() + "'.");
                        failed = true;
                    }
                }
            }
        }
        if (failed) {
            report.closing("Failed to initialize server(s) addr.");
            addressesFailed = true;
        }
    }

    /** What HAProxy resolves in a proxy's rules once everything is read: tables, servers. */
    private void ruleArguments(ProxyState p) {
        for (ProxyState.ServerArgument a : p.serverArguments) {
            report.alertTight(a.span(), "backend name must be set in " + a.what() + " proxy '" + p.name + "'.", false);
        }
        for (ProxyState.ErrorsReference e : p.errorsReferences) {
            if (!pass.httpErrors.contains(e.section())) {
                report.global(Severity.ALERT, e.span(), "Proxy '" + p.name + "': unknown http-errors section '"
                        + e.section() + "' referenced by an http reply .");
            }
        }
        for (ProxyState.Track t : p.tracks) {
            String table = t.table() != null ? t.table() : p.name;
            boolean found = t.table() == null ? p.stickTable : tables.contains(table);
            if (!found) {
                report.global(Severity.ALERT, t.span(), "Proxy '" + p.name + "': unable to find table '" + table
                        + "' referenced by track-sc" + t.counter() + ".");
            }
        }
    }

    private void run(List<ProxyState> proxies) {
        for (ProxyState p : proxies) {
            if (p.disabled) {
                continue;
            }
            if (p.defaultBackend != null) { // as HAProxy: a backend's own default_backend is resolved too
                ProxyState target = pass.backend(p.defaultBackend);
                if (target == null) {
                    report.global(Severity.ALERT, p.defaultBackendSpan, "Proxy '" + p.name
                            + "': unable to find required default_backend: '" + p.defaultBackend + "'.");
                } else if (target == p) {
                    report.global(Severity.ALERT, p.defaultBackendSpan, "Proxy '" + p.name
                            + "': loop detected for default_backend: '" + p.defaultBackend + "'.");
                } else if (incompatible(p, target)) {
                    report.global(Severity.ALERT, p.defaultBackendSpan, incompatibility(p, target,
                            "as its default backend"));
                }
            }
            for (ProxyState.UseBackend rule : p.useBackends) {
                String name = rule.target().value();
                LogFormat format = format(rule.target(), "http-request", (problem, local) -> {
                    if (!local(rule.span(), "Parsing [" + rule.span().fileAndLine() + "]: failed to parse use_backend"
                            + " rule '" + name + "' : " + problem + ".", local)) {
                        report.alertCapitalized(rule.span(), "failed to parse use_backend rule '" + name + "' : "
                                + problem + ".");
                    }
                });
                if (format == null || isDynamic(format)) {
                    continue; // a dynamic name, resolved per request
                }
                ProxyState target = pass.backend(name);
                if (target == null) {
                    report.global(Severity.ALERT, rule.span(), "Proxy '" + p.name
                            + "': unable to find required use_backend: '" + name + "'.");
                } else if (target == p) {
                    report.global(Severity.ALERT, rule.span(), "Proxy '" + p.name
                            + "': loop detected for use_backend: '" + name + "'.");
                } else if (incompatible(p, target)) {
                    report.global(Severity.ALERT, rule.span(), incompatibility(p, target,
                            "in a 'use_backend' rule"));
                }
            }
            for (ProxyState.DuplicateServer s : p.duplicateServers) {
                report.alert(s.span(), (p.isFrontend() && p.isBackend() ? "proxy" : p.typeWord()) + " '" + p.name
                        + "', another server named '" + s.name() + "' was already defined at line " + s.first().line()
                        + ", please use distinct names.");
            }
            for (ProxyState.UseServer rule : p.useServers) {
                String text = "Parsing [" + rule.span().fileAndLine() + "]; use-server rule failed to parse"
                        + " log-format '" + rule.target().value() + "' : ";
                format(rule.target(), "http-request", (problem, local) -> {
                    if (!local(rule.span(), text + problem + ".", local)) {
                        report.global(Severity.ALERT, rule.span(), text + problem + ".");
                    }
                });
            }
            for (ProxyState.MuxProtocol m : p.muxProtocols) {
                if (!muxUsable(p.mode, m)) {
                    report.global(Severity.ALERT, m.span(), p.typeStr() + " '" + p.name + "' : MUX protocol '"
                            + m.proto() + "' is not usable for " + m.what() + " at [" + m.span().fileAndLine() + "].");
                }
            }
            for (String cache : p.caches) {
                if (!pass.caches.contains(cache)) {
                    report.global(Severity.ALERT, p.span, "config: " + p.typeStr() + " '" + p.name
                            + "': unable to find the cache '" + cache + "' referenced by the filter 'cache'.");
                }
            }
            if (p.mode.equals("tcp")) {
                withoutHttp(p);
            }
            formats(p);
            boolean missing = missesTimeouts(p);
            if (missing) {
                report.global(Severity.WARNING, p.span, "missing timeouts for " + p.typeStr() + " '" + p.name + "'.\n"
                        + "   | While not properly invalid, you will certainly encounter various problems\n"
                        + "   | with such a configuration. To fix this, please ensure that all following\n"
                        + "   | timeouts are set to a non-zero value: 'client', 'connect', 'server'.");
            }
            if ((p.mode.equals("tcp") || p.mode.equals("http")) && p.isFrontend() && !p.logs
                    && p.logFormatSource != null) {
                report.global(Severity.WARNING, p.span, "log format ignored for " + p.typeStr() + " '" + p.name
                        + "' since it has no log address.");
            }
            if (!p.mode.equals("http") && !p.switchModeHttp) {
                ignoredHttpRules(p);
            }
        }
    }

    /**
     * The log-format strings HAProxy parses once everything is read, in its order: a frontend's
     * log-format (pointed at by the proxy's last log-format line, as HAProxy does for
     * log-format-sd too), its unique-id-format, its error-log-format; then a backend's
     * {@code balance hash} expression.
     */
    private void formats(ProxyState p) {
        if (p.isFrontend()) {
            formatAt(p, p.logFormat, "log", p.logFormatSpan, "failed to parse log-format : ");
            formatAt(p, p.logFormatSd, "log", p.logFormatSpan, "failed to parse log-format-sd : ");
            formatAt(p, p.errorLogFormat, "log", p.errorLogFormatSpan, "failed to parse error-log-format : ");
        }
        formatAt(p, p.uniqueIdFormat, "http-request", p.uniqueIdFormatSpan, "failed to parse unique-id : ");
        if (p.isBackend() && p.balanceHash != null) {
            SampleChecker.Reading reading = pass.samples().read(List.of(p.balanceHash), 0);
            SampleChecker.Problem problem = reading.problem();
            if (problem != null) {
                String text = p.typeStr() + " '" + p.name + "' [" + p.span.fileAndLine() + "]: failed to parse 'balance"
                        + " hash' expression '" + p.balanceHash.value() + "' in : " + problem.message() + ".";
                if (!local(p.span, text, problem.local())) {
                    report.global(Severity.ALERT, p.span, text);
                }
            }
        }
    }

    /**
     * Checks a log-format string of {@code p}, if set, whose messages HAProxy prefixes with
     * {@code Parsing [at]: what}.
     */
    private void formatAt(ProxyState p, Word word, String place, SourceSpan at, String what) {
        if (word == null) {
            return;
        }
        String text = "Parsing [" + location(at) + "]: " + what;
        SourceSpan span = at != null ? at : p.span;
        format(word, place, (problem, local) -> {
            if (!local(span, text + problem + ".", local)) {
                report.global(Severity.ALERT, span, text + problem + ".");
            }
        });
    }

    /** Reports a problem with this machine's files as a notice when checking offline; false otherwise. */
    private boolean local(SourceSpan at, String text, boolean local) {
        if (local && options.offline()) {
            report.global(Severity.NOTICE, at, text + " (offline: not checked)");
            return true;
        }
        return false;
    }

    /**
     * Parses a log-format string whose samples must run at {@code place}, handing the first
     * problem to {@code problems}; the format, or null when it could not be parsed.
     */
    private LogFormat format(Word word, String place, BiConsumer<String, Boolean> problems) {
        LogFormat format;
        try {
            format = pass.parsed().format(word);
        } catch (ExprSyntaxException e) {
            problems.accept(e.getMessage(), false);
            return null;
        }
        for (LogFormat.Part part : format.parts()) {
            if (part instanceof LogFormat.Expr embedded) {
                SampleChecker.Problem problem = pass.samples().embedded(format.text(), embedded.expr(), place);
                if (problem != null) {
                    problems.accept(problem.message(), problem.local());
                    return format;
                }
            }
        }
        return format;
    }

    /** A format with anything but text picks its target per request. */
    private static boolean isDynamic(LogFormat format) {
        for (LogFormat.Part part : format.parts()) {
            if (!(part instanceof LogFormat.Literal)) {
                return true;
            }
        }
        return false;
    }

    /** A location as HAProxy prints it, "(null):0" when it has none. */
    private static String location(SourceSpan at) {
        return at == null ? "(null):0" : at.fileAndLine();
    }

    /** A warning about a proxy's log format, which HAProxy points at the proxy's last log-format line. */
    private void warnAtLogFormat(ProxyState p, String message) {
        if (p.logFormatSpan != null) {
            report.warning(p.logFormatSpan, message);
        } else {
            report.global(Severity.WARNING, p.span, "parsing [(null):0] : " + message);
        }
    }

    /**
     * HTTP rules of a proxy that is neither in HTTP mode nor upgraded to it ({@code switch-mode
     * http}): HAProxy ignores them, with a warning for each list, frontends and backends alike.
     */
    private void ignoredHttpRules(ProxyState p) {
        ignored(p, "http-request", p.httpRequestRules);
        ignored(p, "http-response", p.httpResponseRules);
        ignored(p, "http-after-response", p.httpAfterResponseRules);
        ignored(p, "redirect", p.redirectRules);
    }

    private void ignored(ProxyState p, String rules, boolean present) {
        if (present) {
            report.global(Severity.WARNING, p.span, "'" + rules + "' rules ignored for " + p.typeStr() + " '" + p.name
                    + "' as they require HTTP mode.");
        }
    }

    /** What HAProxy ignores, with a warning, in a proxy that is not in HTTP mode. */
    private void withoutHttp(ProxyState p) {
        String who = p.typeStr() + " '" + p.name + "'";
        if (p.cookie) {
            report.global(Severity.WARNING, p.span, "cookie will be ignored for " + who + " (needs 'mode http').");
        }
        if (p.monitorUri) {
            report.global(Severity.WARNING, p.span, "monitor-uri will be ignored for " + who + " (needs 'mode http').");
        }
        if (p.isBackend() && p.balance != null && p.balance.matches("(uri|url_param|hdr)(\\(.*)?")) {
            report.global(Severity.WARNING, p.span, "Layer 7 hash not possible for " + who
                    + " (needs 'mode http'). Falling back to round robin.");
        }
        if (p.logsHttp) {
            warnAtLogFormat(p, "HTTP log/header format not usable with " + who + " (needs 'mode http').");
        }
        if (p.logFormatSource != null && (p.logFormatSource.startsWith("option httplog")
                || p.logFormatSource.equals("option httpslog"))) {
            String option = p.logFormatSource.startsWith("option httplog") ? "option httplog" : "option httpslog";
            warnAtLogFormat(p, "'" + option + "' not usable with " + who
                    + " (needs 'mode http'). Falling back to 'option tcplog'.");
            p.logFormatSource = "option tcplog";
        }
    }

    private static boolean missesTimeouts(ProxyState p) {
        if (!p.mode.equals("tcp") && !p.mode.equals("http")) {
            return false;
        }
        boolean client = p.timeouts.containsKey("client");
        boolean connect = p.timeouts.containsKey("connect");
        boolean server = p.timeouts.containsKey("server");
        boolean tunnel = p.timeouts.containsKey("tunnel");
        return (p.isFrontend() && !client)
                || (p.isBackend() && !p.servers.isEmpty()
                        && (!connect || (!server && (p.mode.equals("http") || !tunnel))));
    }

    /**
     * Whether the multiplexer a bind or server names serves the proxy's mode, as HAProxy picks one
     * once the mode is known: in TCP mode only {@code none}, in HTTP mode {@code h1} and
     * {@code h2}, and {@code fcgi} for servers. Other names are left to the version's list.
     */
    private static boolean muxUsable(String mode, ProxyState.MuxProtocol m) {
        String proto = m.proto();
        if (!MUXES.contains(proto)) {
            return true;
        }
        return switch (mode) {
            case "tcp" -> proto.equals("none");
            case "http" -> proto.equals("h1") || proto.equals("h2") || (proto.equals("fcgi") && m.what().startsWith("server"));
            default -> true;
        };
    }

    private static final Set<String> MUXES = Set.of("h1", "h2", "fcgi", "none");

    private static boolean incompatible(ProxyState from, ProxyState to) {
        return !to.mode.equals(from.mode) && !(from.mode.equals("tcp") && to.mode.equals("http"));
    }

    private static String incompatibility(ProxyState from, ProxyState to, String how) {
        return from.mode + " " + from.typeStr() + " '" + from.name + "' (" + from.span.fileAndLine()
                + ") tries to use incompatible " + to.mode + " " + to.typeStr() + " '" + to.name + "' ("
                + to.span.fileAndLine() + ") " + how + " (see 'mode').";
    }
}
