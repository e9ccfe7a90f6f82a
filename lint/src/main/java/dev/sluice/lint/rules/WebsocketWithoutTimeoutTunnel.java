package dev.sluice.lint.rules;

import dev.sluice.compiler.plan.AclMatch;
import dev.sluice.compiler.plan.Backend;
import dev.sluice.compiler.plan.BackendSwitch;
import dev.sluice.compiler.plan.Frontend;
import dev.sluice.lint.Family;
import dev.sluice.lint.Findings;
import dev.sluice.lint.LintContext;
import dev.sluice.lint.ProxyView;
import dev.sluice.lint.Rule;
import dev.sluice.lint.RuleMeta;
import dev.sluice.lint.Severity;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An HTTP backend that serves WebSockets without {@code timeout tunnel}: once upgraded, the
 * connection is closed after {@code timeout client} / {@code timeout server} of silence, which
 * for a WebSocket is normal. A backend serves WebSockets when a frontend routes to it on an
 * {@code Upgrade: websocket} header or a WebSocket-looking path, or when its name says so.
 */
public final class WebsocketWithoutTimeoutTunnel implements Rule {

    private static final RuleMeta META = new RuleMeta("websocket-without-timeout-tunnel", Severity.WARNING,
            Family.RELIABILITY, "A backend serving WebSockets has no timeout tunnel");

    /** Path segments WebSocket endpoints are commonly served under. */
    private static final Pattern WS_PATH = Pattern.compile("(^|/)(ws|wss|websockets?|socket\\.io|sockjs)(/|$|\\?)",
            Pattern.CASE_INSENSITIVE);
    /** Words of a backend's name that say it serves WebSockets. */
    private static final Pattern WS_NAME = Pattern.compile(
            "(^|[^a-z0-9])(ws|wss|websockets?|socket\\.?io|sockjs)([^a-z0-9]|$)|websocket", Pattern.CASE_INSENSITIVE);

    /** A name saying the opposite: {@code no_ws}, {@code nows}, {@code non-websocket}. */
    private static final Pattern NOT_WS_NAME = Pattern.compile("no(n)?[-_.]?(ws|websocket)", Pattern.CASE_INSENSITIVE);

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(LintContext context, Findings findings) {
        Map<String, String> evidence = new HashMap<>();
        for (ProxyView proxy : context.model().frontends()) {
            if (proxy.frontend().isEmpty()) {
                continue;
            }
            Frontend f = proxy.frontend().get();
            for (BackendSwitch sw : f.useBackends()) {
                if (sw.backend() == null || sw.condition() == null) {
                    continue;
                }
                if (ConditionWalk.any(sw.condition(), WebsocketWithoutTimeoutTunnel::upgradeHeader)) {
                    evidence.putIfAbsent(sw.backend(), "frontend '" + f.name()
                            + "' routes 'Upgrade: websocket' requests to it");
                } else if (ConditionWalk.any(sw.condition(), WebsocketWithoutTimeoutTunnel::websocketPath)) {
                    evidence.putIfAbsent(sw.backend(), "frontend '" + f.name()
                            + "' routes a WebSocket path to it");
                }
            }
        }
        for (ProxyView proxy : context.model().compiledBackends()) {
            Backend b = proxy.backend().orElseThrow();
            if (!b.mode().equals("http") || b.servers().isEmpty() || b.timeouts().tunnelMs() != null) {
                continue;
            }
            String why = evidence.get(b.name());
            if (why == null && WS_NAME.matcher(b.name()).find() && !NOT_WS_NAME.matcher(b.name()).find()) {
                why = "its name says it serves WebSockets";
            }
            if (why == null) {
                continue;
            }
            findings.report(proxy.section(), proxy.type() + " '" + b.name() + "' serves WebSockets (" + why
                    + ") but has no 'timeout tunnel': an idle WebSocket is closed after 'timeout client' or"
                    + " 'timeout server'");
        }
    }

    private static boolean upgradeHeader(AclMatch m) {
        return ConditionWalk.readsHeader(m.criterion(), List.of("upgrade"))
                && m.patterns().stream().anyMatch(p -> p.toLowerCase(Locale.ROOT).contains("websocket"));
    }

    private static boolean websocketPath(AclMatch m) {
        String fetch = m.criterion().fetch();
        boolean path = fetch.equals("path") || fetch.equals("url") || fetch.equals("pathq") || fetch.startsWith("path_")
                || fetch.startsWith("url_") || fetch.equals("base");
        return path && m.patterns().stream().anyMatch(p -> WS_PATH.matcher(p).find());
    }
}
