package dev.sluice.compiler.check;

import dev.sluice.grammar.ast.SourceSpan;
import dev.sluice.grammar.ast.Word;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
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
    /** The ACLs whose criteria read HTTP, which make a condition that names them read HTTP. */
    final Set<String> httpAcls = new HashSet<>();
    final List<SourceSpan> binds = new ArrayList<>();
    final Map<String, SourceSpan> servers = new LinkedHashMap<>();
    boolean disabled;
    /** What set the log format ("option httplog", "log-format", ...), or null. */
    String logFormatSource;
    /**
     * Where HAProxy last noted a log-format for this proxy, which its later messages about the
     * log format point at: a line that sets the log format ({@code option httplog},
     * {@code log-format}) or a rule with a log-format argument ({@code http-request set-header}).
     */
    SourceSpan logFormatSpan;
    /** The {@code log-format} string, which HAProxy parses once everything is read; null for a built-in format. */
    Word logFormat;
    /** The {@code log-format-sd} string, parsed as {@link #logFormat}. */
    Word logFormatSd;
    /** The {@code error-log-format} string and where it was set. */
    Word errorLogFormat;
    SourceSpan errorLogFormatSpan;
    /** The {@code unique-id-format} string and where it was set. */
    Word uniqueIdFormat;
    SourceSpan uniqueIdFormatSpan;
    /**
     * HAProxy's {@code http_needed}: a condition, a log-format or a tracking, capture or
     * stickiness expression of this proxy reads HTTP. From then on, any sample in a log-format
     * makes the proxy log HTTP information.
     */
    boolean httpNeeded;
    /**
     * The proxy logs HTTP request or response information (HAProxy's {@code LW_REQ} and
     * {@code LW_RESP}), which a proxy in TCP mode cannot: set by aliases such as {@code %r} or
     * {@code %ST}, and by samples once {@link #httpNeeded} holds.
     */
    boolean logsHttp;
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

    /**
     * A sample fetch whose server argument must name its backend in a defaults section.
     *
     * @param what HAProxy's words for the argument and where it is, up to the proxy's name:
     *     {@code arg 1 of sample fetch keyword 'srv_conn' in http-request expression in}
     */
    record ServerArgument(String what, SourceSpan span) {}

    /** An HTTP reply's {@code errorfiles NAME}: an http-errors section, looked up once all is read. */
    record ErrorsReference(String section, SourceSpan span) {}

    final List<ErrorsReference> errorsReferences = new ArrayList<>();
    /** A bind's or server's {@code proto}: {@code what} is HAProxy's name for the line's object. */
    record MuxProtocol(String proto, String what, SourceSpan span) {}

    final List<MuxProtocol> muxProtocols = new ArrayList<>();
    /** The caches its {@code cache-use} and {@code cache-store} actions name, in order. */
    final Set<String> caches = new LinkedHashSet<>();

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

    /** A {@code use_backend} rule: its backend, a name or a log-format string. */
    record UseBackend(Word target, SourceSpan span) {}

    /** A {@code use-server} rule: its server, a name or a log-format string. */
    record UseServer(Word target, SourceSpan span) {}

    final List<UseServer> useServers = new ArrayList<>();
    /** The expression of {@code balance hash}, which HAProxy parses once everything is read; else null. */
    Word balanceHash;

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
            if ((cap & FE) != 0) {
                // as HAProxy: only a frontend takes its log formats from its defaults section
                logFormatSource = defaults.logFormatSource;
                logFormatSpan = defaults.logFormatSpan;
                logFormat = defaults.logFormat;
                logFormatSd = defaults.logFormatSd;
                errorLogFormat = defaults.errorLogFormat;
                errorLogFormatSpan = defaults.errorLogFormatSpan;
                logsHttp = defaults.logsHttp;
            }
            uniqueIdFormat = defaults.uniqueIdFormat;
            uniqueIdFormatSpan = defaults.uniqueIdFormatSpan;
            cookie = defaults.cookie;
            monitorUri = defaults.monitorUri;
            balance = defaults.balance;
            balanceHash = (cap & BE) != 0 ? defaults.balanceHash : null;
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

    /**
     * HAProxy's word for this proxy in most of its messages (proxy_type_str()): a listen
     * section is a "proxy".
     */
    String typeStr() {
        if (isDefaults()) {
            return "defaults";
        }
        return (cap & (FE | BE)) == (FE | BE) ? "proxy" : isFrontend() ? "frontend" : "backend";
    }

    /** The section's keyword, which HAProxy names in bind messages ({@code in section 'listen'}). */
    String typeWord() {
        if (isDefaults()) {
            return "defaults";
        }
        return (cap & (FE | BE)) == (FE | BE) ? "listen" : isFrontend() ? "frontend" : "backend";
    }
}
