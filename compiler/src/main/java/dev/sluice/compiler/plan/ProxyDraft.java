package dev.sluice.compiler.plan;

import dev.sluice.grammar.ast.Directive;
import dev.sluice.grammar.ast.Section;
import dev.sluice.grammar.ast.SourceSpan;
import dev.sluice.grammar.ast.Word;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * A proxy ({@code defaults}, {@code frontend}, {@code backend} or {@code listen}) while its section
 * is read. A new proxy starts as a copy of its defaults section's settings, as HAProxy's
 * {@code proxy_defproxy_cpy()} does; ACLs and rules are not copied: a defaults section's rules
 * run before the proxy's own, and its ACLs are only visible to them.
 */
final class ProxyDraft {

    /** Options that only concern the client side (the manual's keyword matrix). */
    private static final Set<String> FRONTEND_ONLY = Set.of("clitcpka", "contstats", "disable-h2-upgrade",
            "dontlog-normal", "dontlognull", "h1-case-adjust-bogus-client", "http-ignore-probes",
            "http-use-proxy-header", "idle-close-on-response", "log-separate-errors", "logasap", "socket-stats",
            "tcp-smart-accept", "accept-invalid-http-request", "accept-unsafe-violations-in-http-request");

    /** Options that only concern the server side (the manual's keyword matrix). */
    private static final Set<String> BACKEND_ONLY = Set.of("allbackups", "checkcache", "forwarded",
            "h1-case-adjust-bogus-server", "http-pretend-keepalive", "log-health-checks", "persist",
            "prefer-last-server", "redispatch", "srvtcpka", "tcp-smart-connect", "transparent", "use-small-buffers",
            "http-drop-request-trailers", "accept-invalid-http-response",
            "accept-unsafe-violations-in-http-response");

    /** The options that pick the health check; the last one set wins. */
    private static final Map<String, String> CHECK_OPTIONS = Map.of("httpchk", "http", "ssl-hello-chk", "ssl-hello",
            "smtpchk", "smtp", "ldap-check", "ldap", "mysql-check", "mysql", "pgsql-check", "pgsql", "redis-check",
            "redis", "spop-check", "spop", "tcp-check", "tcp-check", "external-check", "external");

    /** HTTP connection modes: setting one clears the others. */
    private static final Set<String> HTTP_MODES = Set.of("httpclose", "http-server-close", "http-keep-alive");

    private static final Set<String> TIMEOUTS = Set.of("client", "client-fin", "client-hs", "http-request",
            "http-keep-alive", "tarpit", "connect", "server", "server-fin", "queue", "tunnel", "check");

    private static final String DEFAULT_STATS_URI = "/haproxy?stats";

    /** A source of error pages, resolved at the end: a page, or an {@code errorfiles} import. */
    private record ErrorSource(ErrorPage page, String section, List<Integer> codes, SourceSpan span) {}

    /** A {@code use_backend} rule whose static target is checked once every backend is known. */
    private record PendingSwitch(BackendSwitch rule, SourceSpan span) {}

    /** The statistics page while it is read. */
    private static final class StatsDraft {
        String uri = DEFAULT_STATS_URI;
        String realm;
        List<StatsPage.User> users = new ArrayList<>();
        Long refreshMs;
        List<Condition> admin = new ArrayList<>();
        boolean hideVersion;
        List<String> scopes = new ArrayList<>();
        List<Rule> httpRequest = new ArrayList<>();
        TreeMap<String, List<String>> settings = new TreeMap<>();

        StatsDraft copy() {
            StatsDraft c = new StatsDraft();
            c.uri = uri;
            c.realm = realm;
            c.users = new ArrayList<>(users);
            c.refreshMs = refreshMs;
            c.admin = new ArrayList<>(admin);
            c.hideVersion = hideVersion;
            c.scopes = new ArrayList<>(scopes);
            c.httpRequest = new ArrayList<>(httpRequest);
            c.settings = new TreeMap<>(settings);
            return c;
        }

        StatsPage build() {
            return new StatsPage(uri, realm, users, refreshMs, admin, hideVersion, scopes, httpRequest, settings);
        }
    }

    final String kind;
    final String name;
    final SourceSpan span;
    private final CompileContext ctx;

    // ---- settings a proxy inherits from its defaults section

    private String mode = "tcp";
    private boolean disabled;
    private Long maxconn;
    private Long backlog;
    private Long rateLimitSessions;
    private Long fullconn;
    private TreeMap<String, Long> timeouts = new TreeMap<>();
    private TreeMap<String, ProxyOption> options = new TreeMap<>();
    private AddressHeader forwardFor;
    private AddressHeader originalTo;
    private String logStyle;
    private Format logFormat;
    private Format errorLogFormat;
    private List<LogTarget> logs = new ArrayList<>();
    private Format uniqueIdFormat;
    private String uniqueIdHeader;
    private String defaultBackend;
    private SourceSpan defaultBackendSpan;
    private List<ErrorSource> errors = new ArrayList<>();
    private StatsDraft stats;
    private String monitorUri;
    private Balance balance = Balance.ROUND_ROBIN;
    private String hashType;
    private String checkType = "tcp";
    private String checkMethod;
    private String checkUri;
    private String checkVersion;
    private List<String> checkArgs = List.of();
    private List<HealthCheck.CheckRule> checkRules = new ArrayList<>();
    private CookiePersistence cookie;
    private int retries = 3;
    private List<String> retryOn = List.of();
    private String httpReuse = "safe";
    private ServerDraft defaultServer = new ServerDraft();
    private List<RawDirective> unmodelled = new ArrayList<>();
    private Rules defaultsRules = Rules.EMPTY;

    // ---- the proxy's own

    private boolean ownCheckRules;
    private boolean ownStats;
    private String description;
    private Long id;
    private final List<Listener> listeners = new ArrayList<>();
    private final LinkedHashMap<String, List<AclMatch>> acls = new LinkedHashMap<>();
    private final Map<String, List<Rule>> rules = new LinkedHashMap<>();
    private final List<Redirect> redirects = new ArrayList<>();
    private final List<PendingSwitch> useBackends = new ArrayList<>();
    private final List<Capture> captures = new ArrayList<>();
    private StickTable stickTable;
    private final List<StickRule> stickRules = new ArrayList<>();
    private final List<UseServer> useServers = new ArrayList<>();
    private final List<Server> servers = new ArrayList<>();
    private final List<Condition> monitorFail = new ArrayList<>();

    ProxyDraft(CompileContext ctx, String kind, String name, SourceSpan span) {
        this.ctx = ctx;
        this.kind = kind;
        this.name = name;
        this.span = span;
        for (String set : List.of("http-request", "http-response", "http-after-response", "tcp-request connection",
                "tcp-request session", "tcp-request content", "tcp-response content")) {
            rules.put(set, new ArrayList<>());
        }
    }

    /** A new proxy that starts from this defaults section's settings. */
    ProxyDraft inherit(String childKind, String childName, SourceSpan childSpan) {
        ProxyDraft c = new ProxyDraft(ctx, childKind, childName, childSpan);
        c.mode = mode;
        c.disabled = disabled;
        c.maxconn = maxconn;
        c.backlog = backlog;
        c.rateLimitSessions = rateLimitSessions;
        c.fullconn = fullconn;
        c.timeouts = new TreeMap<>(timeouts);
        c.options = new TreeMap<>(options);
        c.forwardFor = forwardFor;
        c.originalTo = originalTo;
        c.logStyle = logStyle;
        c.logFormat = logFormat;
        c.errorLogFormat = errorLogFormat;
        c.logs = new ArrayList<>(logs);
        c.uniqueIdFormat = uniqueIdFormat;
        c.uniqueIdHeader = uniqueIdHeader;
        c.defaultBackend = defaultBackend;
        c.defaultBackendSpan = defaultBackendSpan;
        c.errors = new ArrayList<>(errors);
        c.stats = stats == null ? null : stats.copy();
        c.monitorUri = monitorUri;
        c.balance = balance;
        c.hashType = hashType;
        c.checkType = checkType;
        c.checkMethod = checkMethod;
        c.checkUri = checkUri;
        c.checkVersion = checkVersion;
        c.checkArgs = checkArgs;
        c.checkRules = new ArrayList<>(checkRules);
        c.cookie = cookie;
        c.retries = retries;
        c.retryOn = retryOn;
        c.httpReuse = httpReuse;
        c.defaultServer = defaultServer.copy();
        c.unmodelled = new ArrayList<>(unmodelled);
        c.defaultsRules = ownRules();
        return c;
    }

    boolean isFrontend() {
        return kind.equals("frontend") || kind.equals("listen");
    }

    boolean isBackend() {
        return kind.equals("backend") || kind.equals("listen");
    }

    // ---- reading the section

    /** Reads the section's lines: the ACLs first, as every condition sees them all, then the rest in order. */
    void read(Section section) throws CompileException {
        for (Directive d : section.directives()) {
            if (d.keyword().equals("acl")) {
                Map.Entry<String, AclMatch> acl = ctx.expressions().aclDefinition(d.args(), d.span());
                acls.computeIfAbsent(acl.getKey(), k -> new ArrayList<>()).add(acl.getValue());
            }
        }
        for (Directive d : section.directives()) {
            if (!d.keyword().equals("acl")) {
                try {
                    apply(d);
                } catch (NumberFormatException e) {
                    throw new CompileException(d.span(), "'" + d.keyword() + "': not a number: " + e.getMessage());
                } catch (IllegalArgumentException e) {
                    throw new CompileException(d.span(), "'" + d.keyword() + "': " + e.getMessage());
                }
            }
        }
    }

    private void apply(Directive d) throws CompileException {
        List<String> v = values(d.words());
        SourceSpan at = d.span();
        switch (d.keyword()) {
            case "mode" -> mode = arg(v, 1, at);
            case "disabled" -> disabled = true;
            case "enabled" -> disabled = false;
            case "description" -> description = String.join(" ", v.subList(1, v.size()));
            case "id" -> id = Long.parseLong(arg(v, 1, at));
            case "bind" -> bind(v, at);
            case "maxconn" -> maxconn = Long.parseLong(arg(v, 1, at));
            case "backlog" -> backlog = Long.parseLong(arg(v, 1, at));
            case "fullconn" -> fullconn = Long.parseLong(arg(v, 1, at));
            case "rate-limit" -> {
                if (v.size() > 2 && v.get(1).equals("sessions")) {
                    rateLimitSessions = Long.parseLong(v.get(2));
                } else {
                    keep(v);
                }
            }
            case "timeout" -> {
                if (TIMEOUTS.contains(arg(v, 1, at))) {
                    timeouts.put(v.get(1), Units.parseTime(arg(v, 2, at)));
                } else {
                    keep(v);
                }
            }
            case "option" -> option(arg(v, 1, at), v.subList(2, v.size()), true, d);
            case "no" -> {
                if (v.size() > 2 && v.get(1).equals("option")) {
                    option(v.get(2), v.subList(3, v.size()), false, d);
                } else if (v.size() == 2 && v.get(1).equals("log")) {
                    logs.clear();
                } else {
                    keep(v);
                }
            }
            case "default" -> {
                if (v.size() > 2 && v.get(1).equals("option")) {
                    resetOption(v.get(2));
                } else {
                    keep(v);
                }
            }
            case "log" -> {
                if (v.size() == 2 && v.get(1).equals("global")) {
                    logs.addAll(ctx.globalLogs());
                } else {
                    logs.add(logTarget(v.subList(1, v.size()), at));
                }
            }
            case "log-format" -> {
                logStyle = "custom";
                logFormat = ctx.expressions().format(arg(v, 1, at), at);
            }
            case "error-log-format" -> errorLogFormat = ctx.expressions().format(arg(v, 1, at), at);
            case "unique-id-format" -> uniqueIdFormat = ctx.expressions().format(arg(v, 1, at), at);
            case "unique-id-header" -> uniqueIdHeader = arg(v, 1, at);
            case "default_backend" -> {
                defaultBackend = arg(v, 1, at);
                defaultBackendSpan = at;
            }
            case "use_backend" -> useBackend(d, v);
            case "redirect" -> redirect(d, v);
            case "http-request", "http-response", "http-after-response" ->
                    rules.get(d.keyword()).add(rule(d.words(), 1, at));
            case "tcp-request" -> tcpRules(d, v, "tcp-request", Set.of("connection", "session", "content"));
            case "tcp-response" -> tcpRules(d, v, "tcp-response", Set.of("content"));
            case "capture" -> capture(v, at);
            case "declare" -> {
                if (v.size() > 4 && v.get(1).equals("capture") && v.get(3).equals("len")) {
                    captures.add(new Capture(v.get(2), "", Integer.parseInt(v.get(4))));
                } else {
                    keep(v);
                }
            }
            case "stick-table" -> stickTable = stickTable(name, v.subList(1, v.size()), at);
            case "stick" -> stick(d, v);
            case "errorfile" -> errors.add(page(Integer.parseInt(arg(v, 1, at)), "file", List.of(arg(v, 2, at)), at));
            case "errorloc", "errorloc302" ->
                    errors.add(page(Integer.parseInt(arg(v, 1, at)), "errorloc302", List.of(arg(v, 2, at)), at));
            case "errorloc303" ->
                    errors.add(page(Integer.parseInt(arg(v, 1, at)), "errorloc303", List.of(arg(v, 2, at)), at));
            case "errorfiles" -> {
                List<Integer> codes = new ArrayList<>();
                for (String code : v.subList(2, v.size())) {
                    codes.add(Integer.parseInt(code));
                }
                errors.add(new ErrorSource(null, arg(v, 1, at), codes, at));
            }
            case "http-error" -> {
                if (v.size() > 2 && v.get(1).equals("status")) {
                    errors.add(page(Integer.parseInt(v.get(2)), "http-error", v.subList(3, v.size()), at));
                } else {
                    keep(v);
                }
            }
            case "stats" -> stats(d, v);
            case "monitor-uri" -> monitorUri = arg(v, 1, at);
            case "monitor" -> {
                if (v.size() > 2 && v.get(1).equals("fail")) {
                    monitorFail.add(ctx.expressions().condition(d.words().subList(2, v.size()), acls, at));
                } else {
                    keep(v);
                }
            }
            case "balance" -> balance = balance(v, at);
            case "hash-type" -> hashType = String.join(" ", v.subList(1, v.size()));
            case "server" -> server(v, at);
            case "server-template" -> serverTemplate(v, at);
            case "default-server" -> defaultServer.apply(ctx.lineOptions(), v.subList(1, v.size()), at);
            case "cookie" -> cookie = cookie(v, at);
            case "retries" -> retries = Integer.parseInt(arg(v, 1, at));
            case "retry-on" -> retryOn = List.copyOf(v.subList(1, v.size()));
            case "http-reuse" -> httpReuse = arg(v, 1, at);
            case "http-check", "tcp-check" -> {
                ownChecks();
                checkRules.add(new HealthCheck.CheckRule(d.keyword(), arg(v, 1, at), v.subList(2, v.size())));
            }
            case "use-server" -> {
                Condition c = condition(d.words(), 2, at);
                useServers.add(new UseServer(arg(v, 1, at), c));
            }
            default -> keep(v);
        }
    }

    private void keep(List<String> v) {
        unmodelled.add(new RawDirective(v.get(0), v.subList(1, v.size())));
    }

    // ---- options

    private void option(String option, List<String> args, boolean enabled, Directive d) throws CompileException {
        switch (option) {
            case "httplog" -> {
                if (enabled) {
                    logStyle = args.contains("clf") ? "httplog clf" : "httplog";
                    logFormat = null;
                } else if (logStyle != null && logStyle.startsWith("httplog")) {
                    logStyle = null;
                }
            }
            case "tcplog", "httpslog" -> {
                if (enabled) {
                    logStyle = option;
                    logFormat = null;
                } else if (option.equals(logStyle)) {
                    logStyle = null;
                }
            }
            case "forwardfor" -> forwardFor = enabled ? addressHeader(args, "X-Forwarded-For", d.span()) : null;
            case "originalto" -> originalTo = enabled ? addressHeader(args, "X-Original-To", d.span()) : null;
            default -> {
                if (CHECK_OPTIONS.containsKey(option)) {
                    checkOption(option, args, enabled);
                    return;
                }
                if (enabled && HTTP_MODES.contains(option)) {
                    HTTP_MODES.forEach(options::remove);
                }
                options.put(option, new ProxyOption(enabled, args));
            }
        }
    }

    private void resetOption(String option) {
        switch (option) {
            case "httplog", "tcplog", "httpslog" -> {
                if (logStyle != null && logStyle.startsWith(option)) {
                    logStyle = null;
                }
            }
            case "forwardfor" -> forwardFor = null;
            case "originalto" -> originalTo = null;
            default -> {
                if (CHECK_OPTIONS.containsKey(option)) {
                    checkOption(option, List.of(), false);
                } else {
                    options.remove(option);
                }
            }
        }
    }

    private static AddressHeader addressHeader(List<String> args, String defaultHeader, SourceSpan at)
            throws CompileException {
        String header = defaultHeader;
        String except = null;
        boolean ifNone = false;
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "except" -> except = next(args, ++i, at);
                case "header" -> header = next(args, ++i, at);
                case "if-none" -> ifNone = true;
                default -> throw new CompileException(at, "unexpected '" + args.get(i) + "' in the option");
            }
        }
        return new AddressHeader(header, except, ifNone);
    }

    private void checkOption(String option, List<String> args, boolean enabled) {
        String type = CHECK_OPTIONS.get(option);
        if (!enabled) {
            if (type.equals(checkType)) {
                checkType = "tcp";
                checkMethod = null;
                checkUri = null;
                checkVersion = null;
                checkArgs = List.of();
            }
            return;
        }
        ownChecks();
        checkType = type;
        checkMethod = null;
        checkUri = null;
        checkVersion = null;
        checkArgs = List.of();
        if (type.equals("http")) {
            checkMethod = "OPTIONS";
            checkUri = "/";
            checkVersion = "HTTP/1.0";
            if (args.size() == 1) {
                checkUri = args.get(0);
            } else if (args.size() >= 2) {
                checkMethod = args.get(0);
                checkUri = args.get(1);
                if (args.size() >= 3) {
                    checkVersion = String.join(" ", args.subList(2, args.size()));
                }
            }
        } else {
            checkArgs = List.copyOf(args);
        }
    }

    /**
     * A proxy's first check option or check rule replaces the check rules inherited from its
     * defaults section: HAProxy then gives the proxy a rule set of its own.
     */
    private void ownChecks() {
        if (!ownCheckRules) {
            checkRules.clear();
            ownCheckRules = true;
        }
    }

    // ---- listeners and servers

    private void bind(List<String> v, SourceSpan at) throws CompileException {
        String addresses = arg(v, 1, at);
        List<LineOptions.Item> items = ctx.lineOptions().bind(v.subList(2, v.size()));
        for (String address : addresses.split(",")) {
            if (!address.isEmpty()) {
                listeners.add(listener(ctx, address, items, at));
            }
        }
    }

    /** A listener of a {@code bind} line (also used by peers sections). */
    static Listener listener(CompileContext ctx, String address, List<LineOptions.Item> items, SourceSpan at)
            throws CompileException {
        String listenerName = null;
        boolean ssl = false;
        List<String> certificates = new ArrayList<>();
        List<String> alpn = List.of();
        boolean acceptProxy = false;
        Long max = null;
        Long queue = null;
        TreeMap<String, List<String>> other = new TreeMap<>();
        try {
            for (LineOptions.Item item : items) {
                String a = item.args().isEmpty() ? "" : item.args().get(0);
                switch (item.name()) {
                    case "name" -> listenerName = a;
                    case "ssl" -> ssl = true;
                    case "crt" -> certificates.add(a);
                    case "alpn" -> alpn = ServerDraft.splitCommas(a);
                    case "accept-proxy" -> acceptProxy = true;
                    case "maxconn" -> max = Long.parseLong(a);
                    case "backlog" -> queue = Long.parseLong(a);
                    default -> other.put(item.name(), ctx.lineOptions().normalized(item, true));
                }
            }
            return new Listener(Address.parse(address), listenerName, ssl, certificates, alpn, acceptProxy, max, queue,
                    other);
        } catch (IllegalArgumentException e) {
            throw new CompileException(at, "bind '" + address + "': " + e.getMessage());
        }
    }

    private void server(List<String> v, SourceSpan at) throws CompileException {
        String serverName = arg(v, 1, at);
        Address address = address(arg(v, 2, at), at);
        ServerDraft draft = defaultServer.copy();
        draft.apply(ctx.lineOptions(), v.subList(3, v.size()), at);
        servers.add(draft.build(serverName, address));
    }

    private void serverTemplate(List<String> v, SourceSpan at) throws CompileException {
        String prefix = arg(v, 1, at);
        String range = arg(v, 2, at);
        Address address = address(arg(v, 3, at), at);
        int dash = range.indexOf('-');
        int from = dash > 0 ? Integer.parseInt(range.substring(0, dash)) : 1;
        int to = dash > 0 ? Integer.parseInt(range.substring(dash + 1)) : Integer.parseInt(range);
        ServerDraft draft = defaultServer.copy();
        draft.apply(ctx.lineOptions(), v.subList(4, v.size()), at);
        for (int i = from; i <= to; i++) {
            servers.add(draft.build(prefix + i, address));
        }
    }

    static Address address(String text, SourceSpan at) throws CompileException {
        try {
            return Address.parse(text);
        } catch (IllegalArgumentException e) {
            throw new CompileException(at, "invalid address '" + text + "': " + e.getMessage());
        }
    }

    // ---- rules

    private void tcpRules(Directive d, List<String> v, String keyword, Set<String> sets) throws CompileException {
        String set = arg(v, 1, d.span());
        if (set.equals("inspect-delay")) {
            timeouts.put(keyword + "-inspect-delay", Units.parseTime(arg(v, 2, d.span())));
        } else if (sets.contains(set)) {
            rules.get(keyword + " " + set).add(rule(d.words(), 2, d.span()));
        } else {
            keep(v);
        }
    }

    /** A rule whose action is {@code words[from]}. */
    private Rule rule(List<Word> words, int from, SourceSpan at) throws CompileException {
        String action = words.size() > from ? words.get(from).value() : "";
        if (action.isEmpty()) {
            throw new CompileException(at, "missing action");
        }
        int end = conditionStart(words, from + 1);
        List<String> args = values(words.subList(from + 1, end));
        Condition condition = end < words.size() ? ctx.expressions().condition(words.subList(end, words.size()),
                acls, at) : null;
        return ctx.actions().rule(action, args, condition, at);
    }

    private static int conditionStart(List<Word> words, int from) {
        for (int i = from; i < words.size(); i++) {
            String w = words.get(i).value();
            if (w.equals("if") || w.equals("unless")) {
                return i;
            }
        }
        return words.size();
    }

    private Condition condition(List<Word> words, int from, SourceSpan at) throws CompileException {
        int start = conditionStart(words, from);
        return start < words.size() ? ctx.expressions().condition(words.subList(start, words.size()), acls, at) : null;
    }

    private void useBackend(Directive d, List<String> v) throws CompileException {
        SourceSpan at = d.span();
        String target = arg(v, 1, at);
        Condition c = condition(d.words(), 2, at);
        Format f = target.contains("%") ? ctx.expressions().format(target, at) : null;
        if (f == null || f.parts().size() == 1 && f.parts().get(0) instanceof Format.Text) {
            String staticName = f == null ? target : ((Format.Text) f.parts().get(0)).text();
            useBackends.add(new PendingSwitch(new BackendSwitch(staticName, null, c), at));
        } else {
            useBackends.add(new PendingSwitch(new BackendSwitch(null, f, c), at));
        }
    }

    private void redirect(Directive d, List<String> v) throws CompileException {
        SourceSpan at = d.span();
        String type = arg(v, 1, at);
        String target = arg(v, 2, at);
        int end = conditionStart(d.words(), 3);
        int code = 302;
        List<String> rest = new ArrayList<>();
        for (int i = 3; i < end; i++) {
            if (v.get(i).equals("code") && i + 1 < end) {
                code = Integer.parseInt(v.get(++i));
            } else {
                rest.add(v.get(i));
            }
        }
        Condition c = end < v.size() ? ctx.expressions().condition(d.words().subList(end, v.size()), acls, at) : null;
        Format f = type.equals("scheme") || type.equals("location") || type.equals("prefix")
                ? ctx.expressions().formatOrNull(target, at) : null;
        redirects.add(new Redirect(type, target, f, code, rest, c));
    }

    private void stick(Directive d, List<String> v) throws CompileException {
        SourceSpan at = d.span();
        String stickKind = arg(v, 1, at);
        SampleCall pattern = ctx.expressions().sample(arg(v, 2, at), d.words().get(2).span());
        int end = conditionStart(d.words(), 3);
        String table = null;
        for (int i = 3; i < end; i++) {
            if (v.get(i).equals("table") && i + 1 < end) {
                table = v.get(++i);
            }
        }
        Condition c = end < v.size() ? ctx.expressions().condition(d.words().subList(end, v.size()), acls, at) : null;
        stickRules.add(new StickRule(stickKind, pattern, table, c));
    }

    private void capture(List<String> v, SourceSpan at) throws CompileException {
        String what = arg(v, 1, at);
        if ((what.equals("request") || what.equals("response")) && arg(v, 2, at).equals("header")
                && arg(v, 4, at).equals("len")) {
            captures.add(new Capture(what + "-header", v.get(3), Integer.parseInt(arg(v, 5, at))));
        } else if (what.equals("cookie") && arg(v, 3, at).equals("len")) {
            captures.add(new Capture("cookie", v.get(2), Integer.parseInt(arg(v, 4, at))));
        } else {
            throw new CompileException(at, "cannot read this capture line");
        }
    }

    // ---- stats

    private void stats(Directive d, List<String> v) throws CompileException {
        SourceSpan at = d.span();
        if (stats == null || !ownStats && !kind.equals("defaults")) {
            // A proxy's first stats line detaches it from its defaults' page: it starts afresh.
            stats = new StatsDraft();
        }
        ownStats = true;
        String what = arg(v, 1, at);
        switch (what) {
            case "enable" -> { }
            case "uri" -> stats.uri = arg(v, 2, at);
            case "realm" -> stats.realm = arg(v, 2, at);
            case "auth" -> {
                String auth = arg(v, 2, at);
                int colon = auth.indexOf(':');
                if (colon < 0) {
                    throw new CompileException(at, "'stats auth' expects user:password");
                }
                stats.users.add(new StatsPage.User(auth.substring(0, colon), auth.substring(colon + 1)));
            }
            case "refresh" -> stats.refreshMs = Units.parseTime(arg(v, 2, at), TimeUnit.SECONDS);
            case "admin" -> stats.admin.add(ctx.expressions().condition(d.words().subList(2, v.size()), acls, at));
            case "hide-version" -> stats.hideVersion = true;
            case "scope" -> stats.scopes.add(arg(v, 2, at));
            case "http-request" -> stats.httpRequest.add(rule(d.words(), 2, at));
            default -> stats.settings.put(what, List.copyOf(v.subList(2, v.size())));
        }
    }

    // ---- backends

    private static Balance balance(List<String> v, SourceSpan at) throws CompileException {
        String word = arg(v, 1, at);
        int open = word.indexOf('(');
        String algorithm = open > 0 ? word.substring(0, open) : word;
        Balance.Algorithm a = Balance.Algorithm.of(algorithm);
        if (a == null) {
            throw new CompileException(at, "unknown load-balancing algorithm '" + algorithm + "'");
        }
        List<String> args = new ArrayList<>();
        if (open > 0) {
            String inner = word.endsWith(")") ? word.substring(open + 1, word.length() - 1) : word.substring(open + 1);
            if (!inner.isEmpty()) {
                args.add(inner);
            }
        }
        args.addAll(v.subList(2, v.size()));
        return new Balance(a, args);
    }

    private static CookiePersistence cookie(List<String> v, SourceSpan at) throws CompileException {
        String cookieName = arg(v, 1, at);
        String cookieMode = "passive";
        boolean indirect = false;
        boolean nocache = false;
        boolean postonly = false;
        boolean preserve = false;
        boolean httponly = false;
        boolean secure = false;
        boolean dynamic = false;
        List<String> domains = new ArrayList<>();
        Long maxIdle = null;
        Long maxLife = null;
        List<String> attrs = new ArrayList<>();
        for (int i = 2; i < v.size(); i++) {
            switch (v.get(i)) {
                case "rewrite", "insert", "prefix" -> cookieMode = v.get(i);
                case "indirect" -> indirect = true;
                case "nocache" -> nocache = true;
                case "postonly" -> postonly = true;
                case "preserve" -> preserve = true;
                case "httponly" -> httponly = true;
                case "secure" -> secure = true;
                case "dynamic" -> dynamic = true;
                case "domain" -> domains.add(next(v, ++i, at));
                case "maxidle" -> maxIdle = Units.parseTime(next(v, ++i, at), TimeUnit.SECONDS);
                case "maxlife" -> maxLife = Units.parseTime(next(v, ++i, at), TimeUnit.SECONDS);
                case "attr" -> attrs.add(next(v, ++i, at));
                default -> throw new CompileException(at, "unknown cookie option '" + v.get(i) + "'");
            }
        }
        return new CookiePersistence(cookieName, cookieMode, indirect, nocache, postonly, preserve, httponly, secure,
                dynamic, domains, maxIdle, maxLife, attrs);
    }

    /** A {@code stick-table} line's arguments, or a peers section's {@code table} line's after the name. */
    static StickTable stickTable(String tableName, List<String> v, SourceSpan at) throws CompileException {
        String type = null;
        Integer len = null;
        Long size = null;
        Long expire = null;
        boolean noPurge = false;
        String peers = null;
        List<StickTable.StoredData> store = new ArrayList<>();
        TreeMap<String, List<String>> other = new TreeMap<>();
        try {
            for (int i = 0; i < v.size(); i++) {
                switch (v.get(i)) {
                    case "type" -> type = next(v, ++i, at);
                    case "len" -> len = Integer.parseInt(next(v, ++i, at));
                    case "size" -> size = Units.parseSize(next(v, ++i, at));
                    case "expire" -> expire = Units.parseTime(next(v, ++i, at));
                    case "nopurge" -> noPurge = true;
                    case "peers" -> peers = next(v, ++i, at);
                    case "store" -> {
                        for (String data : splitOutsideParentheses(next(v, ++i, at))) {
                            if (!data.isEmpty()) {
                                store.add(storedData(data));
                            }
                        }
                    }
                    case "srvkey", "write-to" -> other.put(v.get(i), List.of(next(v, ++i, at)));
                    default -> other.put(v.get(i), List.of());
                }
            }
        } catch (IllegalArgumentException e) {
            throw new CompileException(at, "stick-table: " + e.getMessage());
        }
        if (type == null || size == null) {
            throw new CompileException(at, "stick-table: missing type or size");
        }
        store.sort((a, b) -> a.name().compareTo(b.name()));
        return new StickTable(tableName, type, len, size, expire, noPurge, peers, store, other);
    }

    /** Splits at the commas that are not between parentheses: {@code gpc_rate(2,1m),gpc0}. */
    private static List<String> splitOutsideParentheses(String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && depth > 0) {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }

    private static StickTable.StoredData storedData(String data) {
        int open = data.indexOf('(');
        if (open < 0) {
            return new StickTable.StoredData(data, null, null);
        }
        String dataName = data.substring(0, open);
        String inner = data.substring(open + 1, data.endsWith(")") ? data.length() - 1 : data.length());
        String[] args = inner.split(",");
        if (dataName.endsWith("_rate")) {
            if (args.length >= 2) {
                return new StickTable.StoredData(dataName, Units.parseTime(args[1]), Integer.parseInt(args[0]));
            }
            return new StickTable.StoredData(dataName, Units.parseTime(args[0]), null);
        }
        return new StickTable.StoredData(dataName, null, Integer.parseInt(args[0]));
    }

    private static ErrorSource page(int status, String pageKind, List<String> args, SourceSpan at) {
        return new ErrorSource(new ErrorPage(status, pageKind, args), null, List.of(), at);
    }

    // ---- logs

    /** A {@code log} line's arguments: {@code target [len N] [format F] [sample S] [profile P] facility [level [minlevel]]}. */
    static LogTarget logTarget(List<String> a, SourceSpan at) throws CompileException {
        if (a.isEmpty()) {
            throw new CompileException(at, "'log' expects a target");
        }
        String target = a.get(0);
        Integer length = null;
        String format = null;
        String sample = null;
        int i = 1;
        while (i + 1 < a.size()) {
            switch (a.get(i)) {
                case "len" -> length = Integer.parseInt(a.get(i + 1));
                case "format" -> format = a.get(i + 1);
                case "sample" -> sample = a.get(i + 1);
                case "profile" -> { } // a log-profile section: kept in the raw sections
                default -> {
                    return logTail(target, length, format, sample, a, i, at);
                }
            }
            i += 2;
        }
        return logTail(target, length, format, sample, a, i, at);
    }

    private static LogTarget logTail(String target, Integer length, String format, String sample, List<String> a,
            int i, SourceSpan at) throws CompileException {
        if (i >= a.size()) {
            throw new CompileException(at, "'log' expects a facility");
        }
        return new LogTarget(target, length, format, sample, a.get(i), i + 1 < a.size() ? a.get(i + 1) : null,
                i + 2 < a.size() ? a.get(i + 2) : null);
    }

    // ---- projection

    Rules ownRules() {
        return new Rules(rules.get("http-request"), rules.get("http-response"), rules.get("http-after-response"),
                rules.get("tcp-request connection"), rules.get("tcp-request session"), rules.get("tcp-request content"),
                rules.get("tcp-response content"));
    }

    /** A TCP proxy falls back from the HTTP log styles to {@code tcplog}, as HAProxy does after parsing. */
    private String effectiveLogStyle() {
        boolean httpStyle = logStyle != null && (logStyle.startsWith("httplog") || logStyle.equals("httpslog"));
        return httpStyle && mode.equals("tcp") ? "tcplog" : logStyle;
    }

    /** A TCP backend falls back from the algorithms that need an HTTP request to round robin, as HAProxy does. */
    private Balance effectiveBalance() {
        Balance.Algorithm a = balance.algorithm();
        boolean needsHttp = a == Balance.Algorithm.URI || a == Balance.Algorithm.URL_PARAM || a == Balance.Algorithm.HDR;
        return needsHttp && mode.equals("tcp") ? Balance.ROUND_ROBIN : balance;
    }

    private Timeouts timeoutsRecord() {
        return new Timeouts(timeouts.get("client"), timeouts.get("client-fin"), timeouts.get("client-hs"),
                timeouts.get("http-request"), timeouts.get("http-keep-alive"), timeouts.get("tarpit"),
                timeouts.get("connect"), timeouts.get("server"), timeouts.get("server-fin"), timeouts.get("queue"),
                timeouts.get("tunnel"), timeouts.get("check"), timeouts.get("tcp-request-inspect-delay"),
                timeouts.get("tcp-response-inspect-delay"));
    }

    private List<Acl> aclList() {
        List<Acl> list = new ArrayList<>();
        acls.forEach((n, m) -> list.add(new Acl(n, m)));
        return list;
    }

    private List<RawDirective> unmodelledSorted() {
        List<RawDirective> sorted = new ArrayList<>(unmodelled);
        sorted.sort(null);
        return sorted;
    }

    private Map<String, ProxyOption> optionsFor(Set<String> excluded) {
        TreeMap<String, ProxyOption> m = new TreeMap<>(options);
        m.keySet().removeAll(excluded);
        return m;
    }

    private List<ErrorPage> errorPages(Map<String, HttpErrors> httpErrors) throws CompileException {
        TreeMap<Integer, ErrorPage> pages = new TreeMap<>();
        for (ErrorSource source : errors) {
            if (source.page() != null) {
                pages.put(source.page().status(), source.page());
                continue;
            }
            HttpErrors section = httpErrors.get(source.section());
            if (section == null) {
                throw new CompileException(source.span(), "unable to find required http-errors section '"
                        + source.section() + "' referenced by 'errorfiles'");
            }
            for (ErrorPage page : section.errorPages()) {
                if (source.codes().isEmpty() || source.codes().contains(page.status())) {
                    pages.put(page.status(), page);
                }
            }
        }
        return List.copyOf(pages.values());
    }

    Frontend toFrontend(Set<String> backendNames, Map<String, HttpErrors> httpErrors) throws CompileException {
        boolean listen = kind.equals("listen");
        List<BackendSwitch> switches = new ArrayList<>();
        for (PendingSwitch p : useBackends) {
            String target = p.rule().backend();
            if (target != null && !backendNames.contains(target)) {
                throw new CompileException(p.span(), "proxy '" + name + "': unable to find required use_backend: '"
                        + target + "'");
            }
            switches.add(p.rule());
        }
        String defBackend = defaultBackend;
        if (defBackend != null && !backendNames.contains(defBackend)) {
            throw new CompileException(defaultBackendSpan != null ? defaultBackendSpan : span, "proxy '" + name
                    + "': unable to find required default_backend: '" + defBackend + "'");
        }
        if (defBackend == null && listen) {
            defBackend = name;
        }
        Rules own = ownRules();
        Rules frontendRules = listen
                ? new Rules(own.httpRequest(), own.httpResponse(), own.httpAfterResponse(), own.tcpRequestConnection(),
                        own.tcpRequestSession(), own.tcpRequestContent(), List.of())
                : own;
        Monitor monitor = monitorUri == null && monitorFail.isEmpty() ? null : new Monitor(monitorUri, monitorFail);
        return new Frontend(name, mode, disabled, description, id, listeners, maxconn, backlog, rateLimitSessions,
                timeoutsRecord().frontendSide(), optionsFor(BACKEND_ONLY), forwardFor, originalTo, effectiveLogStyle(),
                logFormat,
                errorLogFormat, logs, uniqueIdFormat, uniqueIdHeader, aclList(), defaultsRules, frontendRules,
                redirects, switches, defBackend, captures, listen ? null : stickTable, errorPages(httpErrors),
                stats == null ? null : stats.build(), monitor, unmodelledSorted());
    }

    Backend toBackend(Map<String, HttpErrors> httpErrors) throws CompileException {
        boolean listen = kind.equals("listen");
        Rules own = ownRules();
        Rules backendRules = listen
                ? new Rules(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), own.tcpResponseContent())
                : own;
        HealthCheck check = new HealthCheck(checkType, checkMethod, checkUri, checkVersion, checkArgs, checkRules);
        return new Backend(name, mode, disabled, description, id, effectiveBalance(), hashType,
                timeoutsRecord().backendSide(),
                optionsFor(FRONTEND_ONLY), forwardFor, originalTo, servers, check, cookie, stickTable, stickRules,
                useServers, retries, retryOn, httpReuse, fullconn, logs, aclList(), defaultsRules, backendRules,
                listen ? List.of() : redirects, errorPages(httpErrors), listen || stats == null ? null : stats.build(),
                unmodelledSorted());
    }

    // ---- words

    static List<String> values(List<Word> words) {
        List<String> out = new ArrayList<>(words.size());
        for (Word w : words) {
            out.add(w.value());
        }
        return out;
    }

    static String arg(List<String> v, int i, SourceSpan at) throws CompileException {
        if (i >= v.size()) {
            throw new CompileException(at, "'" + String.join(" ", v) + "': missing argument");
        }
        return v.get(i);
    }

    private static String next(List<String> v, int i, SourceSpan at) throws CompileException {
        if (i >= v.size()) {
            throw new CompileException(at, "'" + v.get(i - 1) + "' expects a value");
        }
        return v.get(i);
    }
}
