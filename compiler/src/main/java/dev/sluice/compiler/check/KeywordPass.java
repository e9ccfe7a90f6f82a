package dev.sluice.compiler.check;

import dev.sluice.compiler.CheckOptions;
import dev.sluice.compiler.Suggestions;
import dev.sluice.compiler.plan.ErrorFile;
import dev.sluice.grammar.HaproxyVersion;
import dev.sluice.grammar.PredefinedVariables;
import dev.sluice.grammar.ast.ConfigFile;
import dev.sluice.grammar.ast.Directive;
import dev.sluice.grammar.ast.Section;
import dev.sluice.grammar.ast.SourceSpan;
import dev.sluice.grammar.ast.Word;
import dev.sluice.grammar.diag.Diagnostic;
import dev.sluice.grammar.diag.Severity;
import dev.sluice.grammar.expr.AclExpr;
import dev.sluice.grammar.expr.AclFlag;
import dev.sluice.grammar.expr.AclRef;
import dev.sluice.grammar.expr.AndGroup;
import dev.sluice.grammar.expr.AnonymousAcl;
import dev.sluice.grammar.expr.Condition;
import dev.sluice.grammar.expr.ExprSyntaxException;
import dev.sluice.grammar.expr.LogFormat;
import dev.sluice.grammar.expr.SampleExpr;
import dev.sluice.grammar.expr.Term;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The first half of {@code -c}: reads every line in file order as HAProxy's section parsers do,
 * building the proxies, and reports what those parsers report. An abort stops reading, as in
 * HAProxy: nothing after it is reported, and the checks of the second half do not run.
 */
public final class KeywordPass {

    private static final Set<String> PROXY_SECTIONS = Set.of("defaults", "frontend", "backend", "listen");

    private final CheckOptions options;
    private final KeywordOracle keywords;
    private final Report report;
    private final ParseMemo parsed = new ParseMemo();
    private final SampleChecker samples;

    final List<ProxyState> proxies = new ArrayList<>();
    /** The first frontend-side and backend-side proxy of each name, as HAProxy's name trees find them. */
    private final Map<String, ProxyState> frontendsByName = new HashMap<>();
    private final Map<String, ProxyState> backendsByName = new HashMap<>();
    final List<ProxyState> defaultsSections = new ArrayList<>();
    private ProxyState lastDefaults;
    private ProxyState current;
    private String crtBase;
    private String caBase;
    private Path defaultPath;
    private String file;
    private Section sectionWithListeners;
    private boolean otherListeners;
    private boolean globalLogs;
    final Set<String> peersTables = new HashSet<>();
    /** The names of the http-errors sections. */
    final Set<String> httpErrors = new HashSet<>();
    /** The names of the cache sections. */
    final Set<String> caches = new HashSet<>();
    private final Addresses addresses = new Addresses();
    private final GlobalSettings globalSettings;

    public KeywordPass(CheckOptions options, KeywordOracle keywords, Report report) {
        this.options = options;
        this.keywords = keywords;
        this.report = report;
        this.globalSettings = new GlobalSettings(report, options.parse().version());
        this.samples = new SampleChecker(keywords, options.parse().version().atLeast(HaproxyVersion.V3_0),
                options.parse().features(), name -> missing(null, name), parsed);
    }

    /** The expression checker, which the end-of-configuration checks share. */
    SampleChecker samples() {
        return samples;
    }

    /** The {@code proto} of a bind or server line from word {@code from} on, checked against the mode at the end. */
    private static void muxProtocol(ProxyState p, Directive d, int from, String what) {
        for (int i = from; i < d.words().size() - 1; i++) {
            if (d.arg(i).equals("proto") && !d.arg(i + 1).isEmpty()) {
                p.muxProtocols.add(new ProxyState.MuxProtocol(d.arg(i + 1), what, d.span()));
                return;
            }
        }
    }

    /** A {@code cache-use} or {@code cache-store} action names a cache section, looked up at the end. */
    private static void cacheReference(ProxyState p, Directive d) {
        String action = d.arg(1);
        if ((action.equals("cache-use") || action.equals("cache-store")) && !d.arg(2).isEmpty()) {
            p.caches.add(d.arg(2));
        }
    }

    /** The parsers, which the end-of-configuration checks share. */
    ParseMemo parsed() {
        return parsed;
    }

    /** The regular proxies read so far (frontends, backends, listens), in order. */
    List<ProxyState> proxies() {
        return proxies;
    }

    /** The first backend or listen section named {@code name}, or null. */
    ProxyState backend(String name) {
        return backendsByName.get(name);
    }

    /**
     * Reads one file: its reader diagnostics and its lines in line order.
     *
     * @return false when reading was aborted
     */
    public boolean read(ConfigFile configFile, List<Diagnostic> readerDiagnostics) {
        file = configFile.path();
        defaultPath = options.workDir();
        current = null;
        // The reader's few messages, interleaved by line with the file's sections and directives,
        // which come in line order: a message before what its line holds, "missing LF" after.
        List<Diagnostic> messages = new ArrayList<>(readerDiagnostics);
        messages.sort(Comparator.comparingInt(KeywordPass::messageOrder));
        int next = 0;
        for (Section s : configFile.sections()) {
            next = messagesBefore(messages, next, s.span().line());
            if (next < 0) {
                return false;
            }
            header(s);
            if (report.aborted()) {
                return false;
            }
            for (Directive d : s.directives()) {
                next = messagesBefore(messages, next, d.span().line());
                if (next < 0) {
                    return false;
                }
                directive(s, d);
                if (report.aborted()) {
                    return false;
                }
            }
        }
        return messagesBefore(messages, next, Integer.MAX_VALUE) >= 0;
    }

    /** A reader message's place: twice its line, plus one for those that follow what the line holds. */
    private static int messageOrder(Diagnostic d) {
        boolean atEnd = d.message().startsWith("Missing LF") || d.message().startsWith("non-terminated");
        return d.span().line() * 2 + (atEnd ? 1 : 0);
    }

    /**
     * Reports the messages from {@code next} on that come before what line {@code line} holds;
     * returns the index of the first one left, or -1 when reading stops (an {@code .alert}, an abort).
     */
    private int messagesBefore(List<Diagnostic> messages, int next, int line) {
        long before = line == Integer.MAX_VALUE ? Long.MAX_VALUE : (long) line * 2;
        while (next < messages.size() && messageOrder(messages.get(next)) < before) {
            Diagnostic d = messages.get(next++);
            report.addAll(List.of(d));
            if (d.message().startsWith("'") && d.severity() == Severity.ALERT) {
                return -1; // .alert stops HAProxy
            }
            if (report.aborted()) {
                return -1;
            }
        }
        return next;
    }

    private void header(Section section) {
        current = null;
        String type = section.type();
        if (type.equals("http-errors")) {
            httpErrors.add(section.name().orElse(""));
        }
        if (type.equals("cache")) {
            caches.add(section.name().orElse(""));
        }
        if (type.equals("peers") || type.equals("log-forward")) {
            sectionWithListeners = section;
        } else {
            sectionWithListeners = null;
        }
        if (!PROXY_SECTIONS.contains(type)) {
            return;
        }
        List<Word> words = section.header();
        SourceSpan at = section.span();
        String arg1 = arg(words, 1);
        String arg2 = arg(words, 2);
        String arg3 = arg(words, 3);
        int cap = switch (type) {
            case "frontend" -> ProxyState.FE;
            case "backend" -> ProxyState.BE;
            case "listen" -> ProxyState.FE | ProxyState.BE;
            default -> ProxyState.DEF | ProxyState.FE | ProxyState.BE;
        };
        boolean isDefaults = type.equals("defaults");
        String name = arg1;
        int fromArg = 2;
        if (!isDefaults) {
            if (arg1.isEmpty()) {
                report.abort(at, "'" + type + "' expects an <id> argument");
                return;
            }
            char bad = invalidChar(arg1);
            if (bad != 0) {
                report.alert(at, "character '" + bad + "' is not permitted in '" + type + "' name '" + arg1 + "'.");
            }
            // as HAProxy: a section with a frontend side clashes with frontends only
            ProxyState p = ((cap & ProxyState.FE) != 0 ? frontendsByName : backendsByName).get(arg1);
            if (p != null) {
                report.alertCapitalized(at, capWord(cap) + " '" + arg1 + "' has the same name as "
                        + p.typeWord() + " '" + p.name + "' declared at " + p.span.fileAndLine() + ".");
            }
            if (words.size() > 4) {
                report.alert(at, "'" + type + "' cannot handle unexpected argument '" + arg(words, 4) + "'.");
                return;
            }
            if (!arg2.isEmpty() && (arg3.isEmpty() || !arg2.equals("from"))) {
                if ((cap & ProxyState.FE) != 0) {
                    report.alertOnly(at, "please use the 'bind' keyword for listening addresses.");
                }
                return;
            }
        } else if (arg1.equals("from") && !arg2.isEmpty() && arg3.isEmpty()) {
            name = "";
            fromArg = 1;
        }
        ProxyState defaults = isDefaults ? null : lastDefaults;
        String from = arg(words, fromArg);
        if (from.equals("from")) {
            String target = arg(words, fromArg + 1);
            defaults = null;
            for (int i = defaultsSections.size() - 1; i >= 0; i--) {
                if (defaultsSections.get(i).name.equals(target)) {
                    defaults = defaultsSections.get(i);
                    break;
                }
            }
            if (defaults == null) {
                report.abort(at, "defaults section '" + target + "' not found for " + capWord(cap) + " '" + name + "'.");
                return;
            }
        }
        if (defaults != null && defaults.hasTcpOrHttpRules()) {
            if (isDefaults) {
                report.alertTight(at, "a defaults section cannot inherit from a defaults section defining TCP/HTTP"
                        + " rules (defaults section at " + defaults.span.fileAndLine() + ").", true);
                return;
            } else if ((cap & (ProxyState.FE | ProxyState.BE)) == (ProxyState.FE | ProxyState.BE)) {
                report.alertTight(at, "a listen section cannot inherit from a defaults section defining TCP/HTTP"
                        + " rules.", true);
                return;
            } else if (defaults.usedByCap != 0 && defaults.usedByCap != cap) {
                report.alertTight(at, "frontends and backends cannot inherit from the same defaults section if it"
                        + " defines TCP/HTTP rules (defaults section at " + defaults.span.fileAndLine() + ").", true);
                return;
            } else if ((cap & ProxyState.FE) == 0 && (defaults.tcpConnectionRules || defaults.tcpSessionRules)) {
                report.alertTight(at, "a backend section cannot inherit from a defaults section defining"
                        + " 'tcp-request connection' or 'tcp-request session' rules (defaults section at "
                        + defaults.span.fileAndLine() + ").", true);
                return;
            } else if ((cap & ProxyState.BE) == 0 && defaults.tcpResponseRules) {
                report.alertTight(at, "a frontend section cannot inherit from a defaults section defining"
                        + " 'tcp-response content' rules (defaults section at " + defaults.span.fileAndLine() + ").",
                        true);
                return;
            }
            defaults.usedByCap = cap;
        }
        ProxyState proxy = new ProxyState(type, name, at, cap, defaults);
        if (isDefaults) {
            defaultsSections.add(proxy);
            lastDefaults = proxy;
        } else {
            proxies.add(proxy);
            if (proxy.isFrontend()) {
                frontendsByName.putIfAbsent(name, proxy);
            }
            if (proxy.isBackend()) {
                backendsByName.putIfAbsent(name, proxy);
            }
        }
        current = proxy;
    }

    private void directive(Section section, Directive d) {
        String type = section.type();
        List<String> words = values(d.words());
        List<String> kw = words;
        if ((words.get(0).equals("no") || words.get(0).equals("default")) && words.size() > 1) {
            kw = words.subList(1, words.size());
        }
        if (PROXY_SECTIONS.contains(type) && current == null) {
            report.alert(d.span(), "'listen' or 'defaults' expected.");
            return;
        }
        Optional<String> removed = keywords.removedMessage(type, kw);
        if (removed.isPresent()) {
            report.alert(d.span(), removed.get());
            return;
        }
        if (type.equals("defaults") && (kw.get(0).equals("server") || kw.get(0).equals("server-template"))) {
            report.alertBracketed(d.span(), "'" + kw.get(0) + "' not allowed in 'defaults' section.");
            return;
        }
        if (!keywords.knows(type, kw) || AddOns.lacks(kw.get(0), options.parse().features())) {
            unknownKeyword(type, kw, d.span());
            return;
        }
        if (sectionWithListeners == section) {
            otherListener(section.type(), d);
        }
        if (type.equals("peers") && words.get(0).equals("table")) {
            String problem = ProxyArguments.stickTable(d);
            if (problem != null) {
                report.alert(d.span(), problem);
                return;
            }
        }
        if (type.equals("peers") && words.get(0).equals("table") && words.size() > 1) {
            peersTables.add(words.get(1));
            peersTables.add(section.name().orElse("") + "/" + words.get(1));
        }
        Optional<Map.Entry<String, Integer>> limit = keywords.argumentLimit(type, kw);
        if (limit.isPresent()) {
            int nameWords = limit.get().getKey().split(" ").length;
            int offset = words.size() - kw.size();
            int first = offset + nameWords + limit.get().getValue();
            if (first < words.size() && !words.get(first).isEmpty()) {
                report.alert(d.span(), "'" + limit.get().getKey() + "' cannot handle unexpected argument '"
                        + words.get(first) + "'.");
                return;
            }
        }
        if (type.equals("global")) {
            global(d, words);
        } else if (type.equals("log-forward") && words.get(0).equals("log")) {
            logLine(d, false);
        } else if (type.equals("http-errors") && words.get(0).equals("errorfile")) {
            if (d.arg(1).isEmpty() || d.arg(2).isEmpty()) {
                report.alert(d.span(), "errorfile: expects <status_code> and <file> as arguments.");
            } else {
                errorfile(d.span(), d.arg(2));
            }
        } else if (type.equals("peers") && words.get(0).equals("bind")) {
            peersBind(d);
        } else if (type.equals("peers") && words.get(0).equals("server") && !d.arg(2).isEmpty()) {
            String problem = addresses.hostProblem(d.arg(2), !options.offline(), false);
            if (problem != null) {
                report.alertBracketed(d.span(), "'server (null)/" + d.arg(1) + "' : " + problem);
            }
        } else if (PROXY_SECTIONS.contains(type) && current != null) {
            proxyDirective(current, d, words);
        }
    }

    /**
     * A {@code log} line of the global section, a proxy or a log-forward section: its arguments,
     * then its target's address family. Returns false when HAProxy refuses the line.
     */
    private boolean logLine(Directive d, boolean global) {
        String problem = ProxyArguments.log(d, global, !options.parse().version().atLeast(HaproxyVersion.V2_8),
                addresses, !options.offline());
        if (problem != null) {
            report.alert(d.span(), problem);
            return false;
        }
        return logTarget(d);
    }

    /**
     * The address of a {@code log} line: HAProxy takes a word with an address family prefix it
     * does not know ({@code backend@} before 3.0) for a host name, which does not resolve.
     *
     * @return false when HAProxy refuses the line
     */
    private boolean logTarget(Directive d) {
        String address = d.arg(1);
        int at = address.indexOf('@');
        if (at <= 0) {
            return true;
        }
        String prefix = address.substring(0, at);
        if (knownPrefix(prefix) || prefix.equals("ring")
                || (prefix.equals("backend") && options.parse().version().atLeast(HaproxyVersion.V3_0))) {
            return true;
        }
        int colon = address.lastIndexOf(':');
        report.alert(d.span(), "log : invalid address: '" + (colon > at ? address.substring(0, colon) : address)
                + "' in '" + address + "'");
        return false;
    }

    private void unknownKeyword(String type, List<String> words, SourceSpan at) {
        String keyword = words.get(0);
        if (keyword.equals("option") && words.size() > 1) {
            Optional<String> best = Suggestions.closest(words.get(1), keywords.options(type));
            report.alert(at, "unknown option '" + words.get(1) + "'" + best.map(b -> "; did you mean '" + b + "' maybe ?")
                    .orElse("."));
            return;
        }
        List<String> candidates = new ArrayList<>();
        for (String candidate : keywords.candidates(type)) {
            if (!AddOns.lacks(candidate, options.parse().features())) {
                candidates.add(candidate);
            }
        }
        Optional<String> best = Suggestions.closest(keyword, candidates);
        String section = PROXY_SECTIONS.contains(type) ? type : type;
        report.alert(at, "unknown keyword '" + keyword + "' in '" + section + "' section"
                + best.map(b -> "; did you mean '" + b + "' maybe ?").orElse(""));
    }

    /** A peers section listens when it has a bind or a peer named after this host; a log-forward with binds. */
    private void otherListener(String type, Directive d) {
        String keyword = d.keyword();
        if (keyword.equals("bind") || keyword.equals("dgram-bind")) {
            otherListeners = true;
        } else if (type.equals("peers") && keyword.equals("peer") && d.arg(1).equals(localPeer())) {
            otherListeners = true;
        }
    }

    /** The local peer's name, as HAProxy sets HAPROXY_LOCALPEER (the host name). */
    private String localPeer() {
        return PredefinedVariables.lookup("HAPROXY_LOCALPEER", options.parse(), List.of());
    }

    private void global(Directive d, List<String> words) {
        globalSettings.check(d, words.get(0));
        switch (words.get(0)) {
            case "crt-base" -> crtBase = arg(d.words(), 1);
            case "ca-base" -> caBase = arg(d.words(), 1);
            case "user" -> account(d, "/etc/passwd", "user");
            case "group" -> account(d, "/etc/group", "group");
            case "lua-load", "lua-load-per-thread" -> {
                String file = d.arg(1);
                if (!file.isEmpty() && missing(null, file)) {
                    machine(d.span(), "error in Lua file '" + file + "': cannot open " + file
                            + ": No such file or directory");
                }
            }
            case "ssl-dh-param-file" -> {
                String file = d.arg(1);
                if (!file.isEmpty() && missing(null, file)) {
                    machine(d.span(), "'ssl-dh-param-file': unable to load DH parameters from file <" + file + ">.");
                }
            }
            case "log" -> {
                if (words.get(0).equals("no")) {
                    globalLogs = false;
                } else if (logLine(d, true)) {
                    globalLogs = true;
                }
            }
            case "stats" -> {
                if (d.arg(1).equals("socket")) {
                    otherListeners = true; // the CLI is a frontend of its own
                    statsSocket(d);
                } else if (d.arg(1).equals("timeout")) {
                    String problem = GlobalSettings.statsTimeout(d.arg(2));
                    if (problem != null) {
                        report.alert(d.span(), problem);
                    }
                }
            }
            case "default-path" -> defaultPath(d);
            default -> {
                // checked by the catalog
            }
        }
    }

    private void defaultPath(Directive d) {
        String kind = d.arg(1);
        Path configDir = Path.of(file).toAbsolutePath().getParent();
        switch (kind) {
            case "current" -> defaultPath = options.workDir();
            case "config" -> defaultPath = configDir;
            case "parent" -> defaultPath = configDir.getParent() == null ? configDir : configDir.getParent();
            case "origin" -> defaultPath = options.workDir().resolve(d.arg(2));
            default -> {
                // the catalog reports bad arguments
            }
        }
    }

    private void proxyDirective(ProxyState p, Directive d, List<String> words) {
        String keyword = words.get(0);
        SourceSpan at = d.span();
        boolean anonymousDefaults = p.isDefaults() && p.name.isEmpty();
        switch (keyword) {
            case "mode" -> {
                String mode = d.arg(1);
                if (mode.equals("tcp") || mode.equals("http") || mode.equals("log")) {
                    p.mode = mode;
                } else {
                    report.alert(at, "unknown proxy mode '" + mode + "'.");
                }
            }
            case "disabled" -> p.disabled = true;
            case "enabled" -> p.disabled = false;
            case "timeout" -> {
                String which = d.arg(1);
                if (!timeValue(d, "timeout " + which, d.arg(2))) {
                    return;
                }
                switch (which) {
                    case "client", "clitimeout" -> p.timeouts.put("client", at);
                    case "server", "srvtimeout" -> p.timeouts.put("server", at);
                    case "connect", "contimeout" -> p.timeouts.put("connect", at);
                    default -> p.timeouts.put(which, at);
                }
            }
            case "default_backend" -> {
                if (d.arg(1).isEmpty()) {
                    report.alert(at, "'default_backend' expects a backend name.");
                    return;
                }
                p.defaultBackend = d.arg(1);
                p.defaultBackendSpan = at;
            }
            case "use_backend" -> {
                if (d.arg(1).isEmpty()) {
                    report.alert(at, "'use_backend' expects a backend name.");
                } else if (otherCondition(p, d, 2, "error detected while parsing switching rule : ", ".")) {
                    p.useBackends.add(new ProxyState.UseBackend(word(d, 1), at));
                    p.switchingRules = true;
                }
            }
            case "use-server" -> {
                if (otherCondition(p, d, 2, "error detected while parsing switching rule : ", ".")) {
                    p.useServers.add(new ProxyState.UseServer(word(d, 1), at));
                    p.serverRules = true;
                }
            }
            case "balance" -> {
                balance(d);
                p.balance = d.arg(1);
                p.balanceHash = d.arg(1).equals("hash") && d.words().size() > 2 ? d.words().get(2) : null;
            }
            case "cookie" -> p.cookie = true;
            case "monitor-uri" -> p.monitorUri = true;
            case "errorfile" -> errorfile(at, d.arg(2));
            case "acl" -> {
                if (anonymousDefaults) {
                    report.alert(at, "'acl' not allowed in anonymous 'defaults' section.");
                    return;
                }
                acl(p, d);
            }
            case "bind" -> bind(p, d);
            case "server" -> {
                if (d.arg(2).isEmpty()) {
                    report.alertBracketed(at, "'server' expects <name> and <addr>[:<port>] as arguments.");
                    return;
                }
                muxProtocol(p, d, 3, "server '" + d.arg(1) + "'");
                SourceSpan first = p.servers.putIfAbsent(d.arg(1), at);
                if (words.contains("id")) {
                    p.serversWithId.add(d.arg(1));
                } else if (first != null && !p.serversWithId.contains(d.arg(1))) {
                    p.duplicateServers.add(new ProxyState.DuplicateServer(d.arg(1), at, first));
                }
                String problem = d.words().size() > 2 ? quicProblem(d.arg(2)) : null;
                if (problem == null && d.words().size() > 2) {
                    problem = portProblem(d.arg(2), false);
                }
                if (problem != null) {
                    report.alertBracketed(at, "'server " + p.name + "/" + d.arg(1) + "' : " + problem);
                    return;
                }
                serverOptions(p, d, 3, "'server " + p.name + "/" + d.arg(1) + "'");
                String host = hostName(d.arg(2));
                if (host != null && !words.contains("init-addr") && !p.initAddr) {
                    p.hostNames.add(new ProxyState.HostName(d.arg(1), host, at));
                }
            }
            case "default-server" -> {
                serverOptions(p, d, 1, "'default-server'");
                p.initAddr |= words.contains("init-addr");
            }
            case "stick-table" -> {
                String problem = ProxyArguments.stickTable(d);
                if (problem != null) {
                    report.alert(at, problem);
                    return;
                }
                p.stickTable = true;
            }
            case "http-check" -> {
                String problem = d.arg(1).equals("expect") ? ProxyArguments.httpCheckExpect(d) : null;
                if (problem != null) {
                    report.alert(at, problem);
                }
            }
            case "stick" -> stick(p, d);
            case "redirect" -> {
                if (anonymousDefaults) {
                    report.alert(at, "'" + keyword + "' not allowed in anonymous 'defaults' section.");
                    return;
                }
                String where = "error detected in " + p.typeStr() + " '" + p.name + "' while parsing redirect rule : ";
                String problem = RuleArguments.redirect(d);
                if (problem != null) {
                    report.alert(at, where + problem + ".");
                    return;
                }
                if (!otherCondition(p, d, 1, where + "error in condition: ", ".")) {
                    return;
                }
                if (!RuleArguments.redirectHasType(d)) {
                    report.alert(at, where + "redirection type expected ('prefix', 'location', or 'scheme').");
                    return;
                }
                warnMisplaced(p, at, keyword, RuleKind.REDIRECT);
                p.redirectRules = true;
            }
            case "http-request" -> {
                if (anonymousDefaults) {
                    report.alert(at, "'http-request' not allowed in anonymous 'defaults' section.");
                    return;
                }
                if (p.finalHttpRequestAction != null) {
                    report.warningTight(at, "previous '" + keyword + "' action is final and has no condition"
                            + " attached, further entries are NOOP.");
                }
                if (!action(d, "http-request", 1) || !actionArguments(p, d, "http-request") || !ruleExpressions(p, d, "http-request", 1)) {
                    return;
                }
                warnMisplaced(p, at, keyword, RuleKind.HTTP_REQUEST);
                p.httpRequestRules = true;
                cacheReference(p, d);
                track(p, d, 1);
                String action = d.arg(1);
                boolean unconditional = !words.contains("if") && !words.contains("unless");
                boolean ignoreEmpty = action.equals("redirect") && words.contains("ignore-empty");
                p.finalHttpRequestAction = unconditional && !ignoreEmpty
                        && keywords.isFinalAction("http-request", action) ? action : null;
            }
            case "http-response" -> {
                if (anonymousDefaults) {
                    report.alert(at, "'http-response' not allowed in anonymous 'defaults' section.");
                    return;
                }
                if (!action(d, "http-response", 1) || !actionArguments(p, d, "http-response") || !ruleExpressions(p, d, "http-response", 1)) {
                    return;
                }
                p.httpResponseRules = true;
                cacheReference(p, d);
            }
            case "http-after-response" -> {
                if (anonymousDefaults) {
                    report.alert(at, "'http-after-response' not allowed in anonymous 'defaults' section.");
                    return;
                }
                if (!action(d, "http-after-response", 1) || !actionArguments(p, d, "http-after-response") || !ruleExpressions(p, d, "http-after-response", 1)) {
                    return;
                }
                p.httpAfterResponseRules = true;
            }
            case "monitor" -> {
                if (d.arg(1).equals("fail")
                        && otherCondition(p, d, 2, "error detected while parsing a 'monitor fail' condition : ", ".")) {
                    warnMisplaced(p, at, "monitor fail", RuleKind.MONITOR_FAIL);
                    p.monitorFail = true;
                }
            }
            case "tcp-request" -> tcpRequest(p, d, anonymousDefaults);
            case "tcp-response" -> tcpResponse(p, d, anonymousDefaults);
            case "option" -> option(p, d);
            case "filter" -> filter(p, d);
            case "compression" -> compression(d);
            case "log-format" -> {
                logFormat(p, at, "log-format");
                p.logFormat = word(d, 1);
            }
            case "log-format-sd" -> p.logFormatSd = word(d, 1);
            case "error-log-format" -> {
                p.errorLogFormat = word(d, 1);
                p.errorLogFormatSpan = at;
            }
            case "unique-id-format" -> {
                p.uniqueIdFormat = word(d, 1);
                p.uniqueIdFormatSpan = at;
            }
            case "log" -> {
                if (words.get(0).equals("no")) {
                    p.logs = false;
                } else if (d.arg(1).equals("global") && d.arg(2).isEmpty()) {
                    p.logs |= globalLogs;
                } else if (logLine(d, false)) {
                    p.logs = true;
                }
            }
            default -> {
                // checked by the catalog
            }
        }
    }

    private void option(ProxyState p, Directive d) {
        String name = d.arg(1);
        boolean negated = d.keyword().equals("no");
        if (negated) {
            name = d.arg(2);
        }
        if (!negated && (name.equals("forwardfor") || name.equals("originalto"))) {
            String problem = ProxyArguments.exceptNetwork(d, 1, addresses, !options.offline());
            if (problem != null) {
                report.alert(d.span(), problem);
                return;
            }
        }
        if (name.equals("httplog") || name.equals("tcplog") || name.equals("httpslog")) {
            p.logFormat = null; // a built-in format replaces a log-format string
        }
        if (negated && (name.equals("httplog") || name.equals("tcplog") || name.equals("httpslog"))) {
            p.logFormatSource = null;
        } else if (name.equals("httplog")) {
            logFormat(p, d.span(), d.arg(2).equals("clf") ? "option httplog clf" : "option httplog");
            if (!p.isDefaults() && !p.isFrontend()) {
                report.warning(d.span(), "backend '" + p.name + "' : 'option httplog' directive is ignored in backends.");
            }
        } else if (name.equals("tcplog") || name.equals("httpslog")) {
            logFormat(p, d.span(), "option " + name);
        } else if (name.equals("httpchk") && !negated) {
            // <method> <uri> <version>, and from 3.1 on <host>
            int most = options.parse().version().atLeast(HaproxyVersion.V3_1) ? 4 : 3;
            if (!d.arg(2 + most).isEmpty()) {
                report.alert(d.span(), "'option httpchk' cannot handle unexpected argument '" + d.arg(2 + most) + "'.");
                return;
            }
            if (d.words().size() >= 5) {
                String version = d.arg(4);
                if (version.contains("\r") || version.contains("\n")) {
                    report.warningTight(d.span(), "'option httpchk' : hiding headers or body at the end of the"
                            + " version string is deprecated. Please, consider to use 'http-check send' directive"
                            + " instead.");
                }
            }
        }
    }

    /**
     * {@code compression <what> ...}: HAProxy names the settings it knows when it does not know
     * the one given, in words that changed with its versions.
     */
    private void compression(Directive d) {
        HaproxyVersion v = options.parse().version();
        Set<String> known;
        String expects;
        if (v.atLeast(HaproxyVersion.V3_2)) {
            known = COMPRESSION_32;
            expects = "'algo', 'type', 'direction', 'offload', 'minsize-req' or 'minsize-res'.";
        } else if (v.atLeast(HaproxyVersion.V2_8)) {
            known = COMPRESSION_28;
            expects = "'algo', 'type' 'direction' or 'offload'";
        } else {
            known = COMPRESSION_24;
            expects = "'algo', 'type' or 'offload'";
        }
        if (!known.contains(d.arg(1))) {
            report.alert(d.span(), "'compression' expects " + expects);
        }
    }

    private static final Set<String> COMPRESSION_24 = Set.of("algo", "type", "offload");
    private static final Set<String> COMPRESSION_28 = Set.of("algo", "algo-req", "algo-res", "type", "type-req",
            "type-res", "direction", "offload");
    private static final Set<String> COMPRESSION_32 = Set.of("algo", "algo-req", "algo-res", "type", "type-req",
            "type-res", "direction", "offload", "minsize-req", "minsize-res");

    private void filter(ProxyState p, Directive d) {
        if (!d.arg(1).equals("spoe")) {
            return;
        }
        String config = null;
        for (int i = 2; i < d.words().size() - 1; i++) {
            if (d.arg(i).equals("config")) {
                config = d.arg(i + 1);
            }
        }
        if (config == null) {
            report.alert(d.span(), "'filter' : ''spoe' : missing config file'");
            return;
        }
        if (!Files.exists(defaultPath.resolve(config))) {
            String message = "'filter' : ''spoe' : cannot open configuration file '" + config + "'";
            if (options.offline()) {
                report.global(Severity.NOTICE, d.span(), "parsing [" + d.span().fileAndLine() + "] : " + message
                        + " (offline: not checked)");
            } else {
                report.alert(d.span(), message);
            }
        }
    }

    /** A log format set by {@code how}: in a defaults section HAProxy warns when it replaces another. */
    private void logFormat(ProxyState p, SourceSpan at, String how) {
        if (p.isDefaults() && p.logFormatSource != null) {
            report.warningTight(at, "'" + how + "' overrides previous '" + p.logFormatSource + "' in 'defaults' section.");
        }
        p.logFormatSource = how;
        p.logFormatSpan = at;
    }

    private void tcpRequest(ProxyState p, Directive d, boolean anonymousDefaults) {
        String kind = d.arg(1);
        SourceSpan at = d.span();
        if (anonymousDefaults && Set.of("connection", "session", "content", "inspect-delay").contains(kind)) {
            report.alert(at, "tcp-request " + kind + " is not allowed in anonymous 'defaults' sections");
            return;
        }
        if (kind.equals("connection") || kind.equals("session") || kind.equals("content")) {
            if (!tcpAction(d, "tcp-request " + kind)) {
                return;
            }
            if (kind.equals("content") && d.arg(2).equals("switch-mode")) {
                String problem = RuleArguments.switchMode(p, d, 2);
                if (problem != null) {
                    report.alert(at, problem);
                    return;
                }
                p.switchModeHttp = true;
            }
            if (!tcpExpressions(p, d, "tcp-request " + kind)) {
                return;
            }
            if (!otherCondition(p, d, 3, "'tcp-request " + kind + " " + d.arg(2) + "' : error detected in "
                    + p.typeStr() + " '" + p.name + "' while parsing 'if' condition : ", "")) {
                return;
            }
            track(p, d, 2);
        }
        switch (kind) {
            case "connection" -> {
                warnMisplaced(p, at, "tcp-request", RuleKind.TCP_CONNECTION);
                p.tcpConnectionRules = true;
            }
            case "session" -> {
                warnMisplaced(p, at, "tcp-request", RuleKind.TCP_SESSION);
                p.tcpSessionRules = true;
            }
            case "content" -> {
                warnMisplaced(p, at, "tcp-request", RuleKind.TCP_CONTENT);
                p.tcpContentRules = true;
            }
            default -> {
                // inspect-delay
            }
        }
    }

    private void tcpResponse(ProxyState p, Directive d, boolean anonymousDefaults) {
        String kind = d.arg(1);
        SourceSpan at = d.span();
        if ((kind.equals("content") || kind.equals("inspect-delay")) && (anonymousDefaults || !p.isBackend())) {
            report.alert(at, "tcp-response " + kind + " is only allowed in 'backend' sections or 'defaults' section"
                    + " with a name");
            return;
        }
        if (kind.equals("content")) {
            if (!tcpAction(d, "tcp-response content") || !tcpExpressions(p, d, "tcp-response content")) {
                return;
            }
            if (!otherCondition(p, d, 3, "'tcp-response content " + d.arg(2) + "' : error detected in "
                    + p.typeStr() + " '" + p.name + "' while parsing 'if' condition : ", "")) {
                return;
            }
            p.tcpResponseRules = true;
        }
    }

    /**
     * Checks the action at word {@code i} of a rule; HAProxy aborts on an unknown one, listing the
     * actions it knows.
     */
    private boolean action(Directive d, String ruleSet, int i) {
        String action = d.arg(i);
        if (keywords.knowsAction(ruleSet, action)) {
            return true;
        }
        String expected = String.join("', '", keywords.actions(ruleSet));
        report.abort(d.span(), "'" + ruleSet + "' expects '" + expected + "', but got '" + action + "'"
                + (action.isEmpty() ? "" : "") + ".");
        return false;
    }

    /**
     * A time ({@code 5s}, {@code 100ms}, {@code 2m}): HAProxy takes digits and one unit among us,
     * ms, s, m, h, d.
     */
    private boolean timeValue(Directive d, String what, String value) {
        if (value.isEmpty()) {
            report.alert(d.span(), "'" + what + "' expects an integer value (in milliseconds)");
            return false;
        }
        String bad = timeProblem(value);
        if (bad != null) {
            report.alert(d.span(), "unexpected character '" + bad + "' in '" + what + "'");
            return false;
        }
        Numbers.Time time = Numbers.time(value);
        if (time.overflow() || time.underflow()) {
            report.alert(d.span(), "timer " + (time.overflow() ? "overflow" : "underflow") + " in argument '" + value
                    + "' to '" + what + "' (" + (time.overflow() ? "maximum value is 2147483647 ms or ~24.8 days"
                            : "minimum non-null value is 1 ms") + ")");
            return false;
        }
        return true;
    }

    /** The first character of a unit HAProxy does not read as one. */
    private static char badUnitChar(String unit) {
        for (String u : TIME_UNITS) {
            if (unit.startsWith(u)) {
                return unit.length() > u.length() ? unit.charAt(u.length()) : unit.charAt(0);
            }
        }
        return unit.charAt(0);
    }

    private static final Set<String> BALANCE = Set.of("roundrobin", "static-rr", "leastconn", "first", "source",
            "uri", "url_param", "hdr", "random", "rdp-cookie", "hash", "log-hash", "sticky");

    private void balance(Directive d) {
        String algorithm = d.arg(1);
        if (algorithm.isEmpty()) {
            return; // round robin
        }
        int paren = algorithm.indexOf('(');
        String name = paren < 0 ? algorithm : algorithm.substring(0, paren);
        if (!BALANCE.contains(name)) {
            report.alert(d.span(), "balance only supports 'roundrobin', 'static-rr', 'leastconn', 'source', 'uri',"
                    + " 'url_param', 'hdr(name)' and 'rdp-cookie(name)' options.");
        }
    }

    /**
     * HAProxy's complaint about the port of an address ({@code 127.0.0.1:80}, {@code :8000-8010},
     * {@code [::1]:443}), or null. Addresses with a family prefix ({@code unix@}, {@code ipv4@}, ...)
     * or a path are left alone; a server's port may be absent or an offset ({@code +1}).
     */
    static String portProblem(String address, boolean bind) {
        if (address.isEmpty() || address.contains("@") || address.startsWith("/") || address.contains("$")) {
            return null;
        }
        int colon = address.lastIndexOf(':');
        if (colon < 0 || (address.startsWith("[") && address.lastIndexOf(']') > colon)) {
            return null;
        }
        if (!address.startsWith("[") && address.indexOf(':') != colon) {
            return null; // an IPv6 address without brackets: HAProxy's own rules apply
        }
        String port = address.substring(colon + 1);
        if (port.isEmpty()) {
            return null;
        }
        if (!bind && (port.startsWith("+") || port.startsWith("-"))) {
            port = port.substring(1);
        }
        for (String part : bind ? port.split("-", -1) : new String[] {port}) {
            for (int i = 0; i < part.length(); i++) {
                if (!Character.isDigit(part.charAt(i))) {
                    return "invalid character '" + part.charAt(i) + "' in port number '" + port + "' in '" + address + "'";
                }
            }
            if (part.isEmpty()) {
                return null;
            }
            long n = part.length() > 6 ? Long.MAX_VALUE : Long.parseLong(part);
            if (n > 65535 || (bind && n < 1)) {
                return "invalid port '" + part + "'";
            }
        }
        return null;
    }

    private static final Set<String> PREFIXES = Set.of("unix", "uxdg", "uxst", "abns", "ip", "ipv4", "ipv6", "tcp4",
            "udp4", "tcp6", "udp6", "tcp", "udp", "quic4", "quic6", "fd", "sockpair");

    /** The address family prefixes ({@code ipv4@}, {@code unix@}, ...) of the target version. */
    private boolean knownPrefix(String prefix) {
        HaproxyVersion v = options.parse().version();
        return PREFIXES.contains(prefix)
                || (prefix.equals("rhttp") && v.atLeast(HaproxyVersion.V3_0))
                || (Set.of("abnsz", "mptcp", "mptcp4", "mptcp6").contains(prefix) && v.atLeast(HaproxyVersion.V3_2));
    }

    /** HAProxy's complaint about a bind address's family prefix, or null. */
    private String addressProblem(String address) {
        int at = address.indexOf('@');
        if (at <= 0 || !address.substring(0, at).matches("[a-z0-9]+")) {
            return null;
        }
        String prefix = address.substring(0, at);
        if (!knownPrefix(prefix)) {
            int colon = address.lastIndexOf(':');
            boolean bracketed = address.indexOf('[') > at && address.lastIndexOf(']') > colon;
            if (colon > at && !bracketed) {
                return "invalid address: '" + address.substring(0, colon) + "' in '" + address + "'";
            }
            return "missing port specification in '" + address + "'";
        }
        return quicProblem(address);
    }

    /**
     * The multiplexer protocols {@code proto} may name on bind and server lines: those of the
     * target version, QUIC's only in a build with QUIC.
     */
    private boolean knownMux(String name) {
        HaproxyVersion v = options.parse().version();
        boolean quic = options.parse().features().contains("QUIC");
        return switch (name) {
            case "h1", "h2", "fcgi", "none" -> true;
            case "quic" -> quic;
            case "spop" -> v.atLeast(HaproxyVersion.V3_1);
            case "qmux" -> quic && v.atLeast(HaproxyVersion.V3_4);
            default -> false;
        };
    }

    /** QUIC addresses need a build with QUIC, which the target build may lack. */
    private String quicProblem(String address) {
        if ((address.startsWith("quic4@") || address.startsWith("quic6@"))
                && !options.parse().features().contains("QUIC")) {
            return "unsupported stream protocol for datagram family " + (address.startsWith("quic4@") ? 2 : 10)
                    + " address '" + address + "'; QUIC is not compiled in if this is what you were looking for.";
        }
        return null;
    }

    /** A TCP rule's action; HAProxy reports an unknown one as a fatal error. */
    private boolean tcpAction(Directive d, String ruleSet) {
        String action = d.arg(2);
        if (keywords.knowsAction(ruleSet, action)) {
            return true;
        }
        String expected = String.join("', '", keywords.actions(ruleSet));
        report.alert(d.span(), "'" + ruleSet + "' expects '" + expected + "', but got '" + action + "'.");
        return false;
    }

    /** Reports a problem found in a line's expressions, and answers whether reading the line goes on. */
    @FunctionalInterface
    private interface Complaint {
        boolean report(String message, boolean local);

        /** Reports {@code problem}, if any. */
        default boolean report(SampleChecker.Problem problem) {
            return problem == null || report(problem.message(), problem.local());
        }
    }

    /**
     * The usual way of reporting an expression's problem: {@code where} + HAProxy's words +
     * {@code end}, as an error that aborts reading when {@code abort} (HTTP rules). A missing
     * file is a notice when checking offline, and reading goes on.
     */
    private Complaint complaint(Directive d, String where, String end, boolean abort) {
        return (message, local) -> {
            String text = where + message + end;
            if (local && options.offline()) {
                machine(d.span(), text);
                return true;
            }
            if (abort) {
                report.abort(d.span(), text);
            } else {
                report.alert(d.span(), text);
            }
            return false;
        };
    }

    /**
     * The log-format strings and sample expressions of an HTTP rule's action, then its condition.
     * HAProxy aborts on the first problem.
     */
    private boolean ruleExpressions(ProxyState p, Directive d, String ruleSet, int actionIndex) {
        String rule = ruleSet + " " + d.arg(actionIndex);
        Complaint complaint = complaint(d, "error detected in " + p.typeStr() + " '" + p.name + "' while parsing '"
                + rule + "' rule : ", ".", true);
        int condition = conditionIndex(d, actionIndex + 1);
        int end = condition < 0 ? d.words().size() : condition;
        boolean defaultsRequest = p.isDefaults() && ruleSet.equals("http-request");
        for (ActionArguments.Argument a : ActionArguments.of(d.words(), actionIndex, end)) {
            Word w = d.words().get(a.index());
            if (a.kind() == ActionArguments.Kind.FORMAT) {
                if (!format(p, d, w, ruleSet, a.notesFormat(), complaint, defaultsRequest)) {
                    return false;
                }
                continue;
            }
            SampleChecker.Reading reading = actionExpression(d, actionIndex, a);
            if (!complaint.report(reading.problem())) {
                return false;
            }
            if (defaultsRequest && reading.expr() != null) {
                String stem = d.arg(actionIndex);
                String context = stem.startsWith("track-sc") ? "in tracking rule in"
                        : stem.equals("capture") ? "in capture rule in" : "in http-request expression in";
                serverArgument(p, d, reading.expr(), "sample fetch keyword", context);
            }
        }
        return condition < 0 || condition(p, d, condition, "error detected while parsing an '" + rule
                + "' condition : ", ".", true);
    }

    /**
     * The log-format strings and sample expressions of a TCP rule's action. HAProxy words the
     * problems of its own {@code capture} and {@code track-sc} actions after the rule's name,
     * and those of the other actions alone.
     */
    private boolean tcpExpressions(ProxyState p, Directive d, String ruleSet) {
        String action = d.arg(2);
        boolean builtIn = action.equals("capture") || action.startsWith("track-sc");
        Complaint complaint = complaint(d, builtIn ? "'" + ruleSet + " " + action + "' : " : "", "", false);
        int condition = conditionIndex(d, 3);
        int end = condition < 0 ? d.words().size() : condition;
        for (ActionArguments.Argument a : ActionArguments.of(d.words(), 2, end)) {
            if (a.kind() == ActionArguments.Kind.FORMAT) {
                if (!format(p, d, d.words().get(a.index()), ruleSet, a.notesFormat(), complaint, false)) {
                    return false;
                }
                continue;
            }
            SampleChecker.Reading reading = actionExpression(d, 2, a);
            if (!complaint.report(reading.problem())) {
                return false;
            }
            if (builtIn && reading.expr() != null) {
                p.httpNeeded |= samples.usesHttp(reading.expr());
            }
        }
        return true;
    }

    /**
     * Reads an expression argument of the action at word {@code actionIndex}, with the words
     * HAProxy uses when it fails: {@code do-resolve} and {@code set-timeout} have their own.
     */
    private SampleChecker.Reading actionExpression(Directive d, int actionIndex, ActionArguments.Argument a) {
        String value = d.arg(a.index());
        String timeProblem = a.kind() == ActionArguments.Kind.TIME_OR_EXPRESSION ? timeProblem(value) : null;
        if (a.kind() == ActionArguments.Kind.TIME_OR_EXPRESSION && timeProblem == null) {
            return new SampleChecker.Reading(null, null, 1);
        }
        SampleChecker.Reading reading = samples.read(d.words(), a.index());
        if (reading.problem() == null) {
            return reading;
        }
        if (timeProblem != null) {
            return new SampleChecker.Reading(null, new SampleChecker.Problem("unexpected character '" + timeProblem
                    + "' in rule 'set-timeout " + d.arg(a.index() - 1) + "'", false), reading.words());
        }
        if (d.arg(actionIndex).startsWith("do-resolve(")) {
            return new SampleChecker.Reading(null, new SampleChecker.Problem("Can't parse '" + value + "'. Expects"
                    + " 'do-resolve(<varname>,<resolvers>[,<options>]) <expr>'. Available options are 'ipv4' and"
                    + " 'ipv6'", false), reading.words());
        }
        return reading;
    }

    /** HAProxy's log-format aliases that make a proxy log HTTP request or response information. */
    private static final Set<String> HTTP_LOG_ALIASES = Set.of("HM", "HP", "HPO", "HQ", "HU", "HV", "r", "rt", "ST");

    /**
     * Reads a log-format argument of a rule of {@code ruleSet} as HAProxy does when it reads the
     * rule: every sample expression is checked, must be usable where the rule runs, and counts
     * for what the proxy logs. With {@code notesFormat}, the line becomes the proxy's last
     * log-format.
     *
     * @return false when reading the line stops
     */
    private boolean format(ProxyState p, Directive d, Word word, String ruleSet, boolean notesFormat,
            Complaint complaint, boolean defaultsRequest) {
        LogFormat format;
        try {
            format = parsed.format(word);
        } catch (ExprSyntaxException e) {
            return complaint.report(e.getMessage(), false);
        }
        for (LogFormat.Part part : format.parts()) {
            if (part instanceof LogFormat.Alias alias) {
                p.logsHttp |= HTTP_LOG_ALIASES.contains(alias.name());
            } else if (part instanceof LogFormat.Expr embedded) {
                SampleExpr expr = embedded.expr();
                SampleChecker.Problem problem = samples.embedded(format.text(), expr, ruleSet);
                if (problem != null) {
                    if (!complaint.report(problem)) {
                        return false;
                    }
                    continue;
                }
                p.httpNeeded |= samples.usesHttp(expr);
                p.logsHttp |= p.httpNeeded;
                if (defaultsRequest) {
                    serverArgument(p, d, expr, "sample fetch keyword", "in http-request expression in");
                }
            }
        }
        if (notesFormat) {
            p.logFormatSpan = d.span();
        }
        return true;
    }

    /**
     * A fetch argument that names a server without its backend ({@code srv_conn(s1)}): in a
     * defaults section, HAProxy reports it once the configuration is read.
     */
    private void serverArgument(ProxyState p, Directive d, SampleExpr expr, String keyword, String context) {
        int at = samples.serverWithoutBackend(expr);
        if (at >= 0) {
            p.serverArguments.add(new ProxyState.ServerArgument("arg " + (at + 1) + " of " + keyword + " '"
                    + expr.fetch().name() + "' " + context, d.span()));
        }
    }

    /**
     * Checks a condition starting at its {@code if} or {@code unless} word {@code at}: named ACLs
     * must be declared before (or be predefined), anonymous ACLs are read as {@code acl} lines
     * are. A problem is reported as {@code where} + HAProxy's words + {@code end}, and aborts
     * reading when {@code abort} (as for HTTP rules). A condition that reads HTTP makes the proxy
     * need HTTP.
     */
    private boolean condition(ProxyState p, Directive d, int at, String where, String end, boolean abort) {
        Complaint complaint = complaint(d, where, end, abort);
        Condition condition;
        try {
            condition = parsed.condition(d.words().subList(at, d.words().size()));
        } catch (ExprSyntaxException e) {
            return complaint.report(e.getMessage(), false);
        }
        boolean http = false;
        for (AndGroup group : condition.or()) {
            for (Term term : group.terms()) {
                if (term instanceof AclRef ref) {
                    String name = ref.name();
                    if (p.acls.contains(name)) {
                        http |= p.httpAcls.contains(name);
                    } else if (keywords.isPredefinedAcl(name)) {
                        http |= keywords.predefinedAclCriterion(name)
                                .flatMap(c -> samples.criterionFetch(SampleChecker.name(c)))
                                .map(SampleKeyword::usesHttp).orElse(false);
                    } else {
                        return complaint.report("no such ACL : '" + name + "'", false);
                    }
                } else if (term instanceof AnonymousAcl anonymous) {
                    if (!aclExpression(anonymous.expr(), anonymous.words(), 1, complaint)) {
                        return false;
                    }
                    http |= usesHttp(anonymous.expr());
                }
            }
        }
        p.httpNeeded |= http;
        return true;
    }

    /** True when an ACL's criterion reads HTTP. */
    private boolean usesHttp(AclExpr expr) {
        return samples.criterionFetch(expr.criterion().fetch().name()).map(SampleKeyword::usesHttp).orElse(false);
    }

    /**
     * Checks an ACL expression read from {@code words}, whose criterion is word {@code at}: the
     * criterion, then the pattern files.
     *
     * @return false when reading the line stops
     */
    private boolean aclExpression(AclExpr expr, List<Word> words, int at, Complaint complaint) {
        if (!complaint.report(samples.criterion(expr.criterion(), words, at))) {
            return false;
        }
        for (AclFlag flag : expr.flags()) {
            if (flag.kind() == AclFlag.Kind.PATTERN_FILE && flag.argument().isPresent()
                    && missing(null, flag.argument().get().value())
                    && !complaint.report("failed to open pattern file <" + flag.argument().get().value() + ">", true)) {
                return false;
            }
        }
        return true;
    }

    /**
     * An {@code acl NAME criterion [flags] [patterns]} line, read as HAProxy's acl parser reads
     * it. Only an ACL that HAProxy accepts can be named by the conditions that follow.
     */
    private void acl(ProxyState p, Directive d) {
        String name = d.arg(1);
        char bad = invalidChar(name);
        if (bad != 0) {
            report.alert(d.span(), "character '" + bad + "' is not permitted in acl name '" + name + "'.");
            return;
        }
        if (name.equalsIgnoreCase("or")) {
            report.alert(d.span(), "acl name '" + name + "' will never match. 'or' is used to express a logical"
                    + " disjunction within a condition.");
            return;
        }
        List<Word> words = d.words().subList(Math.min(2, d.words().size()), d.words().size());
        Complaint complaint = complaint(d, "error detected while parsing ACL '" + name + "' : ", ".", false);
        AclExpr expr;
        try {
            expr = parsed.acl(words, d.span());
        } catch (ExprSyntaxException e) {
            complaint.report(e.getMessage(), false);
            return;
        }
        if (!aclExpression(expr, words, 0, complaint)) {
            return;
        }
        p.acls.add(name);
        if (usesHttp(expr)) {
            p.httpAcls.add(name);
        }
    }

    private static final Set<String> STICK_RULES = Set.of("on", "match", "store", "store-request", "store-response");

    /**
     * {@code stick on|match|store-request|store-response <expression> [table NAME] [condition]},
     * in a backend: HAProxy reads the expression, then the condition.
     */
    private void stick(ProxyState p, Directive d) {
        if (p.isDefaults() || !p.isBackend() || d.words().size() < 3 || !STICK_RULES.contains(d.arg(1))) {
            return;
        }
        SampleChecker.Reading reading = samples.read(d.words(), 2);
        if (!complaint(d, "'stick': ", "", false).report(reading.problem())) {
            return;
        }
        if (reading.expr() != null) {
            p.httpNeeded |= samples.usesHttp(reading.expr());
        }
        int next = 2 + reading.words();
        if (d.arg(next).equals("table")) {
            next += 2;
        }
        if (d.arg(next).equals("if") || d.arg(next).equals("unless")) {
            condition(p, d, next, "'stick': error detected while parsing sticking condition : ", ".", false);
        }
    }

    /** Word {@code i} of a line, or an empty word where the line ends. */
    private static Word word(Directive d, int i) {
        return i < d.words().size() ? d.words().get(i) : new Word("", "", d.span());
    }

    /** The index of a line's {@code if} / {@code unless}, or -1. */
    private static int conditionIndex(Directive d, int from) {
        for (int i = from; i < d.words().size(); i++) {
            String v = d.arg(i);
            if (v.equals("if") || v.equals("unless")) {
                return i;
            }
        }
        return -1;
    }

    /** The condition of a rule that is not an HTTP rule, worded as HAProxy words its messages. */
    private boolean otherCondition(ProxyState p, Directive d, int from, String where, String end) {
        int at = conditionIndex(d, from);
        return at < 0 || condition(p, d, at, where, end, false);
    }

    /** Checks the options of a server line from word {@code from} on, as HAProxy's server parser does. */
    private void serverOptions(ProxyState p, Directive d, int from, String what) {
        List<Word> w = d.words();
        boolean server = d.keyword().equals("server"); // a default-server's sni is read by the servers
        for (int i = from; i < w.size(); i++) {
            String option = w.get(i).value();
            OptionalInt values = keywords.serverOptionValues(option);
            if (values.isEmpty()) {
                Optional<String> best = Suggestions.closest(option, keywords.serverOptionNames());
                String message = what + " : unknown keyword '" + option + "'"
                        + best.map(b -> "; did you mean '" + b + "' maybe ?").orElse(".");
                report.alertBracketed(d.span(), message);
                return;
            }
            if (values.getAsInt() < 0) {
                break;
            }
            String valueProblem = ServerOptionValues.problem(option, d.arg(i + 1));
            if (valueProblem != null) {
                report.alertBracketed(d.span(), what + " : " + valueProblem + ".");
                return;
            }
            if ((option.equals("ca-file") || option.equals("crl-file")) && i + 1 < w.size()) {
                serverCaFile(d, what, option, w.get(i + 1).value());
            }
            if (option.equals("sni") && i + 1 < w.size() && server && !sni(p, d, w.get(i + 1), what)) {
                return;
            }
            String protocol = option.equals("proto") && i + 1 < w.size() ? w.get(i + 1).value() : "";
            if (!protocol.isEmpty() && !knownMux(protocol)) {
                report.alertBracketed(d.span(), what + " : 'proto' :  unknown MUX protocol '" + protocol + "'.");
                return;
            }
            if (SERVER_TIMES.contains(option) && i + 1 < w.size()) {
                String value = w.get(i + 1).value();
                String bad = timeProblem(value);
                if (bad != null) {
                    report.alertBracketed(d.span(), what
                            + " : unexpected character '" + bad + "' in '" + option + "' argument of server "
                            + d.arg(1) + ".");
                    return;
                }
            }
            i += values.getAsInt();
        }
    }

    /** A server's {@code sni} expression, which HAProxy reads with the server line; false when it fails. */
    private boolean sni(ProxyState p, Directive d, Word expression, String what) {
        SampleChecker.Reading reading = samples.read(List.of(expression), 0);
        SampleChecker.Problem problem = reading.problem();
        if (problem != null) {
            String message = what + " : error detected while parsing sni expression : " + problem.message();
            if (problem.local() && options.offline()) {
                report.global(Severity.NOTICE, d.span(), "[" + d.span().fileAndLine() + "] : " + message
                        + " (offline: not checked)");
                return true;
            }
            report.alertBracketed(d.span(), message);
            return false;
        }
        p.httpNeeded |= samples.usesHttp(reading.expr());
        return true;
    }

    private static final Set<String> SERVER_TIMES = Set.of("inter", "fastinter", "downinter", "agent-inter",
            "slowstart", "pool-purge-delay");

    /** HAProxy's time units, longest first where one starts another. */
    private static final List<String> TIME_UNITS = List.of("us", "ms", "s", "m", "h", "d");

    /** The first character HAProxy cannot read in a time, or null when it reads it all. */
    private static String timeProblem(String value) {
        int i = 0;
        while (i < value.length() && Character.isDigit(value.charAt(i))) {
            i++;
        }
        String unit = value.substring(i);
        if (i > 0 && (unit.isEmpty() || TIME_UNITS.contains(unit))) {
            return null;
        }
        return value.isEmpty() ? "" : String.valueOf(i == 0 ? value.charAt(0) : badUnitChar(unit));
    }

    /** Records a {@code track-scN KEY [table NAME]} action found at word {@code i}. */
    private static void track(ProxyState p, Directive d, int i) {
        String action = d.arg(i);
        if (!action.startsWith("track-sc")) {
            return;
        }
        int counter;
        try {
            counter = Integer.parseInt(action.substring("track-sc".length()));
        } catch (NumberFormatException e) {
            return; // track-sc-<n> and friends: the catalog checks the action
        }
        String table = d.arg(i + 2).equals("table") ? d.arg(i + 3) : null;
        p.tracks.add(new ProxyState.Track(counter, table, d.span()));
    }

    private void bind(ProxyState p, Directive d) {
        if (d.arg(1).isEmpty()) {
            report.alert(d.span(), "'bind' expects {<path>|[addr1]:port1[-end1]}{,[addr]:port[-end]}... as arguments.");
            return;
        }
        p.binds.add(d.span());
        muxProtocol(p, d, 2, "'bind " + d.arg(1) + "'");
        List<Word> w = d.words();
        String problem = listenerAddressProblem(d.arg(1));
        if (problem != null) {
            report.alert(d.span(), "'bind' : " + problem);
            return;
        }
        for (int i = 2; i < w.size(); i++) {
            String option = w.get(i).value();
            OptionalInt values = keywords.bindOptionValues(option);
            if (values.isEmpty()) {
                Optional<String> best = Suggestions.closest(option, keywords.bindOptionNames());
                report.alert(d.span(), "'bind " + d.arg(1) + "' in section '" + p.typeWord() + "': unknown keyword '"
                        + option + "'" + best.map(b -> "; did you mean '" + b + "' maybe ?").orElse("."));
                return;
            }
            String valueProblem = BindOptionValues.problem(option, d.arg(i + 1));
            if (valueProblem != null) {
                report.alert(d.span(), "'bind " + d.arg(1) + "' in section '" + p.typeWord() + "' : " + valueProblem);
                return;
            }
            if (values.getAsInt() < 0) {
                break; // an option that reads a variable number of words: it checks them itself
            }
            String protocol = option.equals("proto") && i + 1 < w.size() ? w.get(i + 1).value() : "";
            if (!protocol.isEmpty() && !knownMux(protocol)) {
                report.alert(d.span(), "'bind " + d.arg(1) + "' in section '" + p.typeWord() + "' : 'proto' :  unknown"
                        + " MUX protocol '" + protocol + "'");
                return;
            }
            i += values.getAsInt();
        }
        for (int i = 2; i < w.size() - 1; i++) {
            String option = w.get(i).value();
            if (option.equals("crt") && certificate(p.typeWord(), d, w.get(i + 1).value())) {
                return;
            }
            if ((option.equals("ca-file") || option.equals("crl-file"))
                    && bindCaFile(p, d, option, w.get(i + 1).value())) {
                return;
            }
        }
    }

    /**
     * HAProxy's complaint about a listening address list ({@code a:80,b:81}), or null: each
     * address's family prefix, port, and host, which must resolve while the file is read.
     */
    private String listenerAddressProblem(String list) {
        for (String address : list.split(",")) {
            String problem = addressProblem(address);
            if (problem == null) {
                problem = portProblem(address, true);
            }
            if (problem == null) {
                problem = addresses.listenerProblem(address, !options.offline());
            }
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    /** {@code stats socket ADDRESS [bind options]}: the CLI's listener, checked as a bind line. */
    private void statsSocket(Directive d) {
        String address = d.arg(2);
        if (address.isEmpty()) {
            report.alert(d.span(), "'stats socket' in global section expects an address or a path to a UNIX socket");
            return;
        }
        String problem = listenerAddressProblem(address);
        if (problem != null) {
            report.alert(d.span(), "parsing [" + d.span().fileAndLine() + "] : 'stats socket' : " + problem);
            return;
        }
        List<Word> w = d.words();
        for (int i = 3; i < w.size(); i++) {
            String option = w.get(i).value();
            OptionalInt values = keywords.bindOptionValues(option);
            if (values.isEmpty()) {
                Optional<String> best = Suggestions.closest(option, keywords.bindOptionNames());
                report.alert(d.span(), "'stats socket' : unknown keyword '" + option + "'"
                        + best.map(b -> ". Did you mean '" + b + "' maybe ?").orElse("."));
                return;
            }
            String valueProblem = BindOptionValues.problem(option, d.arg(i + 1));
            if (valueProblem != null) {
                report.alert(d.span(), "'stats socket' : '" + valueProblem + "'");
                return;
            }
            if (values.getAsInt() < 0) {
                return;
            }
            i += values.getAsInt();
        }
    }

    /** A peers section's {@code bind}: its certificates, as a proxy's bind line's. */
    private void peersBind(Directive d) {
        List<Word> w = d.words();
        for (int i = 2; i < w.size() - 1; i++) {
            if (w.get(i).value().equals("crt") && certificate("peers", d, w.get(i + 1).value())) {
                return;
            }
        }
    }

    /** The arguments of an HTTP rule's action; HAProxy aborts on a problem, as for the rule's other parts. */
    private boolean actionArguments(ProxyState p, Directive d, String ruleSet) {
        String where = "error detected in " + p.typeStr() + " '" + p.name + "' while parsing '" + ruleSet + " "
                + d.arg(1) + "' rule : ";
        String problem = RuleArguments.httpAction(d, 1);
        if (problem != null) {
            report.abort(d.span(), where + problem + ".");
            return false;
        }
        String action = d.arg(1);
        boolean reply = action.equals("deny") || action.equals("tarpit") || action.equals("return");
        String errors = reply ? RuleArguments.replyErrors(d, 2) : null;
        if (errors != null) {
            p.errorsReferences.add(new ProxyState.ErrorsReference(errors, d.span()));
        }
        String page = reply ? RuleArguments.replyErrorfile(d, 2) : null;
        String unreadable = page == null || missing(null, page) ? null : errorfileProblem(page);
        if (unreadable != null) {
            if (options.offline()) {
                machine(d.span(), where + unreadable + ".");
                return true;
            }
            report.abort(d.span(), where + unreadable + ".");
            return false;
        }
        String file = reply ? RuleArguments.replyFile(d, 2) : null;
        if (file == null || !missing(null, file)) {
            return true;
        }
        String message = where + "error opening file '" + file + "'.";
        if (options.offline()) {
            machine(d.span(), message);
            return true;
        }
        report.abort(d.span(), message);
        return false;
    }

    /** A {@code ca-file} or {@code crl-file} of a bind line; true when HAProxy stops the line there. */
    private boolean bindCaFile(ProxyState p, Directive d, String option, String name) {
        if (!missing(caBase, name)) {
            return false;
        }
        machineGlobal(d.span(), "Couldn't open the ca-file '" + name + "' (No such file or directory).");
        machine(d.span(), "'bind " + d.arg(1) + "' in section '" + p.typeWord() + "' : '" + option
                + "' : unable to load " + name);
        return true;
    }

    /** A {@code ca-file} or {@code crl-file} of a server line. */
    private void serverCaFile(Directive d, String what, String option, String name) {
        if (!missing(caBase, name)) {
            return;
        }
        String message = what + " : Couldn't open the ca-file '" + name + "' (No such file or directory).";
        if (options.offline()) {
            report.global(Severity.NOTICE, d.span(), "[" + d.span().fileAndLine() + "] : " + message
                    + " (offline: not checked)");
            return;
        }
        report.alertBracketed(d.span(), message);
        machineGlobal(d.span(), "'" + option + "' : unable to load " + name + ".");
    }

    /** A server address's host name, or null for an IP address, a path, a prefixed or variable address. */
    static String hostName(String address) {
        if (address.isEmpty() || address.contains("@") || address.startsWith("/") || address.startsWith("[")
                || address.contains("$") || address.chars().filter(c -> c == ':').count() > 1) {
            return null;
        }
        int colon = address.indexOf(':');
        String host = colon < 0 ? address : address.substring(0, colon);
        if (host.isEmpty() || host.equals("*") || Addresses.isIpv4(host)) {
            return null;
        }
        return host;
    }

    /** {@code user NAME} / {@code group NAME}: the account must exist on this machine. */
    private void account(Directive d, String database, String kind) {
        String name = d.arg(1);
        Path file = Path.of(database);
        if (name.isEmpty() || !Files.isReadable(file)) {
            return;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.ISO_8859_1)) {
                if (line.startsWith(name + ":")) {
                    return;
                }
            }
        } catch (IOException e) {
            return;
        }
        if (knownToNameService(database.endsWith("passwd") ? "passwd" : "group", name)) {
            return; // an account from LDAP or another name service
        }
        machine(d.span(), "cannot find " + kind + " id for '" + name + "' (0:Success)");
    }

    /** Asks {@code getent}, when the machine has it, about an account the files do not list. */
    private static boolean knownToNameService(String database, String name) {
        try {
            Process p = new ProcessBuilder("getent", database, name).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return true; // no answer: do not report what could not be decided
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false; // no getent: the files are all there is
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    /** True when {@code name} (under {@code base} when relative) does not exist on this machine. */
    private boolean missing(String base, String name) {
        String path = name;
        if (base != null && !name.startsWith("/")) {
            path = base + "/" + name;
        }
        return !Files.exists(defaultPath.resolve(path));
    }

    /** An {@code errorfile} line ({@code at}) naming {@code file}: it must exist and hold an HTTP response. */
    private void errorfile(SourceSpan at, String file) {
        if (file.isEmpty()) {
            return;
        }
        String problem = missing(null, file) ? "error opening file '" + file + "'." : errorfileProblem(file);
        if (problem != null) {
            machine(at, "errorfile : " + problem);
        }
    }

    /**
     * Why HAProxy would refuse to load the response in {@code file} ({@code 'FILE': reason}), or
     * null when it is one, or cannot be read here (a missing file is reported on its own).
     */
    private String errorfileProblem(String file) {
        try {
            byte[] raw = Files.readAllBytes(defaultPath.resolve(file));
            if (raw.length > 0) { // an empty page closes the connection without a word (errorfile 408 /dev/null)
                ErrorFile.parse(raw);
            }
            return null;
        } catch (ErrorFile.Invalid e) {
            return "'" + file + "': " + e.getMessage();
        } catch (IOException e) {
            return null;
        }
    }

    /** A problem with a file of this machine: an error, or a notice when checking offline. */
    private void machine(SourceSpan at, String message) {
        if (options.offline()) {
            report.global(Severity.NOTICE, at, "parsing [" + at.fileAndLine() + "] : " + message
                    + " (offline: not checked)");
        } else {
            report.alert(at, message);
        }
    }

    /** As {@link #machine}, for HAProxy's messages that name no line. */
    private void machineGlobal(SourceSpan at, String message) {
        report.global(options.offline() ? Severity.NOTICE : Severity.ALERT, at, message);
    }

    /** A bind line's certificate; true when it is missing and HAProxy stops the line there. */
    private boolean certificate(String section, Directive d, String name) {
        String path = name;
        if (crtBase != null && !name.startsWith("/")) {
            path = crtBase + "/" + name;
        }
        Path resolved = defaultPath.resolve(path);
        if (Files.exists(resolved)) {
            return false;
        }
        String message = "'bind " + d.arg(1) + "' in section '" + section + "' : unable to stat SSL"
                + " certificate from file '" + path + "' : No such file or directory.";
        if (options.offline()) {
            report.global(Severity.NOTICE, d.span(), "parsing [" + d.span().fileAndLine() + "] : " + message
                    + " (offline: not checked)");
        } else {
            report.alert(d.span(), message);
        }
        return !options.offline();
    }

    /** Rule kinds in the order HAProxy evaluates them, whatever order the file writes them in. */
    private enum RuleKind {
        TCP_CONNECTION("a 'tcp-request connection'"),
        TCP_SESSION("a 'tcp-request session'"),
        TCP_CONTENT("a 'tcp-request content'"),
        MONITOR_FAIL("a 'monitor fail'"),
        HTTP_REQUEST("an 'http-request'"),
        REDIRECT("a 'redirect'"),
        USE_BACKEND("a 'use_backend'"),
        USE_SERVER("a 'use-server'");

        final String label;

        RuleKind(String label) {
            this.label = label;
        }
    }

    /**
     * HAProxy's warning for a rule of {@code kind} written after a rule that it evaluates later:
     * the first such kind the proxy already has.
     */
    private void warnMisplaced(ProxyState p, SourceSpan at, String arg, RuleKind kind) {
        RuleKind[] kinds = RuleKind.values();
        for (int i = kind.ordinal() + 1; i < kinds.length; i++) {
            if (warnAfter(has(p, kinds[i]), at, arg, kinds[i].label)) {
                return;
            }
        }
    }

    private static boolean has(ProxyState p, RuleKind kind) {
        return switch (kind) {
            case TCP_CONNECTION -> p.tcpConnectionRules;
            case TCP_SESSION -> p.tcpSessionRules;
            case TCP_CONTENT -> p.tcpContentRules;
            case MONITOR_FAIL -> p.monitorFail;
            case HTTP_REQUEST -> p.httpRequestRules;
            case REDIRECT -> p.redirectRules;
            case USE_BACKEND -> p.switchingRules;
            case USE_SERVER -> p.serverRules;
        };
    }

    private boolean warnAfter(boolean present, SourceSpan at, String arg, String what) {
        if (present) {
            report.warning(at, "a '" + arg + "' rule placed after " + what + " rule will still be processed before.");
        }
        return present;
    }

    private static String sectionWord(ProxyState p) {
        return p.kind;
    }

    private static String capWord(int cap) {
        if ((cap & ProxyState.DEF) != 0) {
            return "defaults";
        }
        return (cap & (ProxyState.FE | ProxyState.BE)) == (ProxyState.FE | ProxyState.BE) ? "listen"
                : (cap & ProxyState.FE) != 0 ? "frontend" : "backend";
    }

    /** HAProxy's invalid_char(): names allow letters, digits, '-', '_', '.' and ':'. */
    static char invalidChar(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == ':';
            if (!ok) {
                return c;
            }
        }
        return 0;
    }

    private static String arg(List<Word> words, int i) {
        return i < words.size() ? words.get(i).value() : "";
    }

    private static List<String> values(List<Word> words) {
        List<String> v = new ArrayList<>(words.size());
        for (Word w : words) {
            v.add(w.value());
        }
        return v;
    }

    /**
     * Whether anything listens, as HAProxy decides after {@code -c}: an enabled frontend or
     * listen section with a {@code bind}, a {@code stats socket}, a peers section with a local
     * peer, or a log-forward section with a bind.
     */
    public boolean hasListeners() {
        for (ProxyState p : proxies) {
            if (!p.disabled && p.isFrontend() && !p.binds.isEmpty()) {
                return true;
            }
        }
        return otherListeners;
    }

    /** For tests: the proxies by name. */
    Map<String, ProxyState> byName() {
        Map<String, ProxyState> m = new HashMap<>();
        for (ProxyState p : proxies) {
            m.put(p.name, p);
        }
        return m;
    }
}
