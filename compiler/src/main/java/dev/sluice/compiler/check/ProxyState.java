package dev.sluice.compiler.check;

import dev.sluice.grammar.ast.SourceSpan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A proxy ({@code defaults}, {@code frontend}, {@code backend}, {@code listen}) as the checker
 * builds it while reading, with what it inherited from its defaults section.
 */
final class ProxyState {

    /** Frontend and backend capabilities, as HAProxy's PR_CAP_FE / PR_CAP_BE. */
    static final int FE = 1;
    static final int BE = 2;
    static final int DEF = 4;

    final String kind;
    final String name;
    final SourceSpan span;
    final int cap;
    final ProxyState defaults;

    String mode = "tcp";
    final Map<String, SourceSpan> timeouts = new HashMap<>();
    String defaultBackend;
    SourceSpan defaultBackendSpan;
    final List<UseBackend> useBackends = new ArrayList<>();
    final Set<String> acls = new HashSet<>();
    final List<SourceSpan> binds = new ArrayList<>();
    final Map<String, SourceSpan> servers = new LinkedHashMap<>();
    boolean disabled;
    /** What set the log format ("option httplog", "log-format", ...), or null. */
    String logFormatSource;
    /** Where the log format was set, for HAProxy's messages that point at it. */
    SourceSpan logFormatSpan;
    boolean cookie;
    boolean monitorUri;
    String balance;
    boolean switchModeHttp;
    /** Whether the proxy logs somewhere ({@code log} lines, own or inherited). */
    boolean logs;

    /** The rule lists HAProxy checks for misplaced rules and for inheritance from defaults. */
    boolean httpRequestRules;
    boolean httpResponseRules;
    boolean httpAfterResponseRules;
    boolean redirectRules;
    boolean switchingRules;
    boolean serverRules;
    boolean monitorFail;
    boolean tcpConnectionRules;
    boolean tcpSessionRules;
    boolean tcpContentRules;
    boolean tcpResponseRules;
    /** For a defaults section with rules: the capability of the proxies that used it (FE or BE). */
    int usedByCap;
    /** The last http-request rule's action when it is final and unconditional, else null. */
    String finalHttpRequestAction;

    /** A {@code track-scN} action: the table it names, or null for the proxy's own. */
    record Track(int counter, String table, SourceSpan span) {}

    /** A sample fetch whose server argument must name its backend in a defaults section. */
    record ServerArgument(String fetch, String ruleSet, SourceSpan span) {}

    /** An HTTP reply's {@code errorfiles NAME}: an http-errors section, looked up once all is read. */
    record ErrorsReference(String section, SourceSpan span) {}

    final List<ErrorsReference> errorsReferences = new ArrayList<>();

    /** A server named as an earlier one of the proxy, neither with an explicit {@code id}. */
    record DuplicateServer(String name, SourceSpan span, SourceSpan first) {}

    final List<DuplicateServer> duplicateServers = new ArrayList<>();
    /** The servers declared with an explicit {@code id}, which may share a name. */
    final Set<String> serversWithId = new HashSet<>();
    final List<Track> tracks = new ArrayList<>();
    final List<ServerArgument> serverArguments = new ArrayList<>();
    boolean stickTable;

    /** A server whose address is a host name, resolved at the end of the check. */
    record HostName(String server, String host, SourceSpan span) {}

    final List<HostName> hostNames = new ArrayList<>();
    /** A {@code default-server ... init-addr} applies: HAProxy may start without resolving. */
    boolean initAddr;

    record UseBackend(String target, SourceSpan span) {}

    ProxyState(String kind, String name, SourceSpan span, int cap, ProxyState defaults) {
        this.kind = kind;
        this.name = name;
        this.span = span;
        this.cap = cap;
        this.defaults = defaults;
        if (defaults != null) {
            mode = defaults.mode;
            timeouts.putAll(defaults.timeouts);
            defaultBackend = (cap & BE) == 0 || (cap & FE) != 0 ? defaults.defaultBackend : null;
            defaultBackendSpan = defaults.defaultBackendSpan;
            logFormatSource = defaults.logFormatSource;
            logFormatSpan = defaults.logFormatSpan;
            cookie = defaults.cookie;
            monitorUri = defaults.monitorUri;
            balance = defaults.balance;
            initAddr = defaults.initAddr;
            logs = defaults.logs;
        }
    }

    boolean isDefaults() {
        return (cap & DEF) != 0;
    }

    boolean isFrontend() {
        return (cap & FE) != 0;
    }

    boolean isBackend() {
        return (cap & BE) != 0;
    }

    boolean hasTcpOrHttpRules() {
        return httpRequestRules || httpResponseRules || httpAfterResponseRules || tcpConnectionRules
                || tcpSessionRules || tcpContentRules || tcpResponseRules;
    }

    /** HAProxy's words for this proxy's type in messages. */
    String typeWord() {
        if (isDefaults()) {
            return "defaults";
        }
        return (cap & (FE | BE)) == (FE | BE) ? "listen" : isFrontend() ? "frontend" : "backend";
    }
}
