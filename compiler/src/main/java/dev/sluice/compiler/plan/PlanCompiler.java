package dev.sluice.compiler.plan;

import dev.sluice.compiler.catalog.CatalogView;
import dev.sluice.compiler.catalog.KeywordCatalog;
import dev.sluice.grammar.HaproxyVersion;
import dev.sluice.grammar.ast.Config;
import dev.sluice.grammar.ast.Directive;
import dev.sluice.grammar.ast.Section;
import dev.sluice.grammar.ast.SourceSpan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Compiles a parsed configuration into a {@link Plan}; {@link dev.sluice.compiler.Compiler} is the
 * entry point. Sections are read in order, as HAProxy reads them: a proxy starts from the last
 * {@code defaults} section before it, or the one it names with {@code from}; a defaults section
 * starts from nothing, or from the one it names with {@code from}.
 */
public final class PlanCompiler {

    private final HaproxyVersion version;
    private final CompileContext ctx;

    // global
    private Long maxconn;
    private Integer nbthread;
    private Long hardStopAfterMs;
    private final List<StatsSocket> statsSockets = new ArrayList<>();
    private Long statsTimeoutMs;
    private final List<LogTarget> globalLogs = new ArrayList<>();
    private boolean daemon;
    private String user;
    private String group;
    private String chroot;
    private String pidfile;
    private final Map<String, String> tune = new TreeMap<>();
    private final Map<String, String> ssl = new TreeMap<>();
    private final List<RawDirective> globalUnmodelled = new ArrayList<>();

    // proxies
    private final Map<String, ProxyDraft> namedDefaults = new HashMap<>();
    private ProxyDraft lastDefaults;
    private final List<ProxyDraft> proxies = new ArrayList<>();

    // other sections
    private final List<UserList> userlists = new ArrayList<>();
    private final List<Peers> peers = new ArrayList<>();
    private final List<Resolvers> resolvers = new ArrayList<>();
    private final Map<String, HttpErrors> httpErrors = new LinkedHashMap<>();
    private final List<RawSection> others = new ArrayList<>();

    private PlanCompiler(HaproxyVersion version) {
        this.version = version;
        KeywordCatalog catalog = KeywordCatalog.get();
        CatalogView view = catalog.forVersion(version);
        CatalogView newest = catalog.forVersion(catalog.versions().get(catalog.versions().size() - 1));
        Expressions expressions = new Expressions(view);
        this.ctx = new CompileContext(expressions, new LineOptions(view, newest), new Actions(expressions),
                () -> List.copyOf(globalLogs));
    }

    /** Compiles {@code config} following HAProxy {@code version}. */
    public static Plan compile(Config config, HaproxyVersion version) throws CompileException {
        PlanCompiler compiler = new PlanCompiler(version);
        for (Section section : (Iterable<Section>) config.sections()::iterator) {
            compiler.section(section);
        }
        return compiler.plan();
    }

    private void section(Section s) throws CompileException {
        List<String> header = ProxyDraft.values(s.header());
        switch (s.type()) {
            case "global" -> global(s);
            case "defaults" -> defaults(s, header);
            case "frontend", "backend", "listen" -> proxy(s, header);
            case "userlist" -> userlists.add(userlist(s, header));
            case "peers" -> peers.add(peers(s, header));
            case "resolvers" -> resolvers.add(resolvers(s, header));
            case "http-errors" -> {
                HttpErrors h = httpErrors(s, header);
                httpErrors.put(h.name(), h);
            }
            default -> {
                List<RawDirective> lines = new ArrayList<>();
                for (Directive d : s.directives()) {
                    List<String> v = ProxyDraft.values(d.words());
                    lines.add(new RawDirective(v.get(0), v.subList(1, v.size())));
                }
                others.add(new RawSection(s.type(), header.size() > 1 ? header.get(1) : "", lines));
            }
        }
    }

    // ---- proxies

    private void defaults(Section s, List<String> h) throws CompileException {
        String name = "";
        String from = null;
        if (h.size() >= 3 && h.get(1).equals("from")) {
            from = h.get(2);
        } else {
            name = h.size() > 1 ? h.get(1) : "";
            if (h.size() >= 4 && h.get(2).equals("from")) {
                from = h.get(3);
            }
        }
        ProxyDraft parent = from == null ? null : named(from, s.span());
        ProxyDraft d = parent == null ? new ProxyDraft(ctx, "defaults", name, s.span())
                : parent.inherit("defaults", name, s.span());
        d.read(s);
        lastDefaults = d;
        if (!name.isEmpty()) {
            namedDefaults.put(name, d);
        }
    }

    private void proxy(Section s, List<String> h) throws CompileException {
        if (h.size() < 2 || h.get(1).isEmpty()) {
            throw new CompileException(s.span(), "'" + s.type() + "' expects a name");
        }
        String name = h.get(1);
        ProxyDraft parent = h.size() >= 4 && h.get(2).equals("from") ? named(h.get(3), s.span()) : lastDefaults;
        ProxyDraft p = parent == null ? new ProxyDraft(ctx, s.type(), name, s.span())
                : parent.inherit(s.type(), name, s.span());
        p.read(s);
        proxies.add(p);
    }

    private ProxyDraft named(String name, SourceSpan at) throws CompileException {
        ProxyDraft d = namedDefaults.get(name);
        if (d == null) {
            throw new CompileException(at, "defaults section '" + name + "' not found");
        }
        return d;
    }

    // ---- global

    private void global(Section s) throws CompileException {
        for (Directive d : s.directives()) {
            List<String> v = ProxyDraft.values(d.words());
            SourceSpan at = d.span();
            try {
                globalDirective(d, v, at);
            } catch (NumberFormatException e) {
                throw new CompileException(at, "'" + d.keyword() + "': not a number: " + e.getMessage());
            } catch (IllegalArgumentException e) {
                throw new CompileException(at, "'" + d.keyword() + "': " + e.getMessage());
            }
        }
    }

    private void globalDirective(Directive d, List<String> v, SourceSpan at) throws CompileException {
        String k = d.keyword();
        switch (k) {
            case "maxconn" -> maxconn = Long.parseLong(ProxyDraft.arg(v, 1, at));
            case "nbthread" -> nbthread = Integer.parseInt(ProxyDraft.arg(v, 1, at));
            case "hard-stop-after" -> hardStopAfterMs = Units.parseTime(ProxyDraft.arg(v, 1, at));
            case "daemon" -> daemon = true;
            case "user" -> user = ProxyDraft.arg(v, 1, at);
            case "group" -> group = ProxyDraft.arg(v, 1, at);
            case "chroot" -> chroot = ProxyDraft.arg(v, 1, at);
            case "pidfile" -> pidfile = ProxyDraft.arg(v, 1, at);
            case "log" -> globalLogs.add(ProxyDraft.logTarget(v.subList(1, v.size()), at));
            case "no" -> {
                if (v.size() == 2 && v.get(1).equals("log")) {
                    globalLogs.clear();
                } else {
                    globalUnmodelled.add(new RawDirective(k, v.subList(1, v.size())));
                }
            }
            case "stats" -> {
                String what = ProxyDraft.arg(v, 1, at);
                if (what.equals("socket")) {
                    statsSockets.add(statsSocket(v, at));
                } else if (what.equals("timeout")) {
                    statsTimeoutMs = Units.parseTime(ProxyDraft.arg(v, 2, at));
                } else {
                    globalUnmodelled.add(new RawDirective(k, v.subList(1, v.size())));
                }
            }
            default -> {
                String joined = String.join(" ", v.subList(1, v.size()));
                if (k.startsWith("tune.")) {
                    tune.put(k, joined);
                } else if (k.startsWith("ssl-")) {
                    ssl.put(k, joined);
                } else {
                    globalUnmodelled.add(new RawDirective(k, v.subList(1, v.size())));
                }
            }
        }
    }

    private StatsSocket statsSocket(List<String> v, SourceSpan at) throws CompileException {
        Address address = ProxyDraft.address(ProxyDraft.arg(v, 2, at), at);
        String mode = null;
        String level = null;
        String owner = null;
        String grp = null;
        Map<String, List<String>> other = new TreeMap<>();
        for (LineOptions.Item item : ctx.lineOptions().bind(v.subList(3, v.size()))) {
            String a = item.args().isEmpty() ? "" : item.args().get(0);
            switch (item.name()) {
                case "mode" -> mode = a;
                case "level" -> level = a;
                case "user", "uid" -> owner = a;
                case "group", "gid" -> grp = a;
                default -> other.put(item.name(), ctx.lineOptions().normalized(item, true));
            }
        }
        return new StatsSocket(address, mode, level, owner, grp, other);
    }

    // ---- other sections

    private static String sectionName(Section s, List<String> h) throws CompileException {
        if (h.size() < 2 || h.get(1).isEmpty()) {
            throw new CompileException(s.span(), "'" + s.type() + "' expects a name");
        }
        return h.get(1);
    }

    private static UserList userlist(Section s, List<String> h) throws CompileException {
        List<UserList.Group> groups = new ArrayList<>();
        List<UserList.User> users = new ArrayList<>();
        for (Directive d : s.directives()) {
            List<String> v = ProxyDraft.values(d.words());
            SourceSpan at = d.span();
            switch (d.keyword()) {
                case "group" -> {
                    List<String> members = new ArrayList<>();
                    for (int i = 2; i + 1 < v.size(); i += 2) {
                        if (v.get(i).equals("users")) {
                            members.addAll(ServerDraft.splitCommas(v.get(i + 1)));
                        }
                    }
                    groups.add(new UserList.Group(ProxyDraft.arg(v, 1, at), members));
                }
                case "user" -> {
                    String password = null;
                    boolean insecure = false;
                    List<String> memberOf = new ArrayList<>();
                    for (int i = 2; i + 1 < v.size(); i += 2) {
                        switch (v.get(i)) {
                            case "password" -> password = v.get(i + 1);
                            case "insecure-password" -> {
                                password = v.get(i + 1);
                                insecure = true;
                            }
                            case "groups" -> memberOf.addAll(ServerDraft.splitCommas(v.get(i + 1)));
                            default -> throw new CompileException(at, "unexpected '" + v.get(i) + "' in 'user'");
                        }
                    }
                    users.add(new UserList.User(ProxyDraft.arg(v, 1, at), password, insecure, memberOf));
                }
                default -> throw new CompileException(at, "unknown keyword '" + d.keyword() + "' in userlist");
            }
        }
        return new UserList(sectionName(s, h), groups, users);
    }

    private Peers peers(Section s, List<String> h) throws CompileException {
        boolean disabled = false;
        List<Peers.Peer> list = new ArrayList<>();
        List<Listener> binds = new ArrayList<>();
        List<StickTable> tables = new ArrayList<>();
        List<RawDirective> unmodelled = new ArrayList<>();
        for (Directive d : s.directives()) {
            List<String> v = ProxyDraft.values(d.words());
            SourceSpan at = d.span();
            switch (d.keyword()) {
                case "disabled" -> disabled = true;
                case "enabled" -> disabled = false;
                case "peer", "server" -> {
                    String name = ProxyDraft.arg(v, 1, at);
                    boolean hasAddress = v.size() > 2 && (v.get(2).contains(":") || v.get(2).contains("@")
                            || v.get(2).startsWith("/"));
                    Address address = hasAddress ? ProxyDraft.address(v.get(2), at) : null;
                    List<String> rest = v.subList(hasAddress ? 3 : 2, v.size());
                    Map<String, List<String>> options = new TreeMap<>();
                    for (LineOptions.Item item : ctx.lineOptions().server(rest)) {
                        options.put(item.name(), ctx.lineOptions().normalized(item, false));
                    }
                    list.add(new Peers.Peer(name, address, options));
                }
                case "bind" -> {
                    List<LineOptions.Item> items = ctx.lineOptions().bind(v.subList(2, v.size()));
                    for (String address : ProxyDraft.arg(v, 1, at).split(",")) {
                        if (!address.isEmpty()) {
                            binds.add(ProxyDraft.listener(ctx, address, items, at));
                        }
                    }
                }
                case "table" -> tables.add(ProxyDraft.stickTable(ProxyDraft.arg(v, 1, at), v.subList(2, v.size()), at));
                default -> unmodelled.add(new RawDirective(v.get(0), v.subList(1, v.size())));
            }
        }
        unmodelled.sort(null);
        return new Peers(sectionName(s, h), disabled, list, binds, tables, unmodelled);
    }

    private static Resolvers resolvers(Section s, List<String> h) throws CompileException {
        List<Resolvers.Nameserver> nameservers = new ArrayList<>();
        boolean parseResolvConf = false;
        Integer retries = null;
        Map<String, Long> timeouts = new TreeMap<>();
        Map<String, Long> hold = new TreeMap<>();
        Long payload = null;
        List<RawDirective> unmodelled = new ArrayList<>();
        for (Directive d : s.directives()) {
            List<String> v = ProxyDraft.values(d.words());
            SourceSpan at = d.span();
            try {
                switch (d.keyword()) {
                    case "nameserver" -> nameservers.add(new Resolvers.Nameserver(ProxyDraft.arg(v, 1, at),
                            ProxyDraft.address(ProxyDraft.arg(v, 2, at), at)));
                    case "parse-resolv-conf" -> parseResolvConf = true;
                    case "resolve_retries" -> retries = Integer.parseInt(ProxyDraft.arg(v, 1, at));
                    case "timeout" -> timeouts.put(ProxyDraft.arg(v, 1, at), Units.parseTime(ProxyDraft.arg(v, 2, at)));
                    case "hold" -> hold.put(ProxyDraft.arg(v, 1, at), Units.parseTime(ProxyDraft.arg(v, 2, at)));
                    case "accepted_payload_size" -> payload = Long.parseLong(ProxyDraft.arg(v, 1, at));
                    default -> unmodelled.add(new RawDirective(v.get(0), v.subList(1, v.size())));
                }
            } catch (IllegalArgumentException e) {
                throw new CompileException(at, "'" + d.keyword() + "': " + e.getMessage());
            }
        }
        unmodelled.sort(null);
        return new Resolvers(sectionName(s, h), nameservers, parseResolvConf, retries, timeouts, hold, payload,
                unmodelled);
    }

    private static HttpErrors httpErrors(Section s, List<String> h) throws CompileException {
        TreeMap<Integer, ErrorPage> pages = new TreeMap<>();
        for (Directive d : s.directives()) {
            List<String> v = ProxyDraft.values(d.words());
            SourceSpan at = d.span();
            if (!d.keyword().equals("errorfile")) {
                throw new CompileException(at, "unknown keyword '" + d.keyword() + "' in http-errors section");
            }
            try {
                int status = Integer.parseInt(ProxyDraft.arg(v, 1, at));
                pages.put(status, new ErrorPage(status, "file", List.of(ProxyDraft.arg(v, 2, at))));
            } catch (NumberFormatException e) {
                throw new CompileException(at, "'errorfile': not a status: " + v.get(1));
            }
        }
        return new HttpErrors(sectionName(s, h), List.copyOf(pages.values()));
    }

    // ---- the plan

    private Plan plan() throws CompileException {
        Set<String> backendNames = new HashSet<>();
        for (ProxyDraft p : proxies) {
            if (p.isBackend()) {
                backendNames.add(p.name);
            }
        }
        List<Frontend> frontends = new ArrayList<>();
        List<Backend> backends = new ArrayList<>();
        for (ProxyDraft p : proxies) {
            if (p.isFrontend()) {
                frontends.add(p.toFrontend(backendNames, httpErrors));
            }
            if (p.isBackend()) {
                backends.add(p.toBackend(httpErrors));
            }
        }
        List<RawDirective> unmodelled = new ArrayList<>(globalUnmodelled);
        unmodelled.sort(null);
        Global global = new Global(maxconn, nbthread, hardStopAfterMs, statsSockets, statsTimeoutMs, globalLogs, daemon,
                user, group, chroot, pidfile, tune, ssl, unmodelled);
        return new Plan(Plan.SCHEMA_VERSION, version.toString(), global, frontends, backends, userlists, peers,
                resolvers, List.copyOf(httpErrors.values()), others);
    }
}
