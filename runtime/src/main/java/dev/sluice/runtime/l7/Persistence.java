package dev.sluice.runtime.l7;

import dev.sluice.compiler.plan.CookiePersistence;
import dev.sluice.runtime.RuntimePlan.BackendRuntime;
import dev.sluice.runtime.balance.ServerState;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * Server persistence. Cookies ({@code cookie NAME insert|rewrite|prefix [indirect] [nocache]
 * [httponly] [secure] [domain D] [maxidle T] [maxlife T]...} with each server's
 * {@code cookie VALUE}; the dates of {@link CookieDates} in insert mode): which server a
 * request's cookie names, and the cookie set or rewritten in the response so that the client
 * comes back to the server that answered it. Then the backend's {@code stick} rules
 * ({@link dev.sluice.runtime.track.StickRules}), whose match counts when no cookie chose a server,
 * and whose keys store the server that answered.
 */
final class Persistence {

    private static final String PREFIX_SEPARATOR = "~";

    private Persistence() {
    }

    /**
     * The server the request's persistence cookie names, else the one a stick rule's entry names,
     * when it may take the request (not down, not in maintenance); null otherwise. With
     * {@code indirect} (insert mode) or in prefix mode, the request's cookie is changed as the
     * server must see it.
     */
    static ServerState requestedServer(BackendRuntime backend, MessageView view) {
        ServerState byCookie = cookieServer(backend, view);
        view.sticking = backend.stickRules().onRequest(view, backend.state(), byCookie != null);
        return byCookie != null ? byCookie : view.sticking.server();
    }

    private static ServerState cookieServer(BackendRuntime backend, MessageView view) {
        HttpRequest request = view.request();
        CookiePersistence c = backend.cookie();
        if (c == null) {
            return null;
        }
        String value = cookie(request.headers(), c.name());
        if (value == null) {
            return null;
        }
        String serverValue = value;
        if (c.mode().equals("insert") && dated(c)) {
            CookieDates.Parsed parsed = CookieDates.parse(value);
            long now = System.currentTimeMillis() / 1000;
            if (c.indirect()) {
                replaceCookie(request.headers(), c.name(), null);
            }
            if (!CookieDates.fresh(parsed.lastSeen(), c.maxIdleMs(), now)
                    || !CookieDates.fresh(parsed.firstSeen(), c.maxLifeMs(), now)) {
                return null; // expired (or from too far in the future): balanced as if it had none
            }
            ServerState s = backend.serverByCookie(parsed.value()).orElse(null);
            if (s == null || !s.acceptsPersistent()) {
                return null;
            }
            view.cookieDates = parsed;
            return s;
        }
        if (c.mode().equals("prefix")) {
            int sep = value.indexOf(PREFIX_SEPARATOR);
            if (sep < 0) {
                return null;
            }
            serverValue = value.substring(0, sep);
            replaceCookie(request.headers(), c.name(), value.substring(sep + 1));
        } else if (c.mode().equals("insert") && c.indirect()) {
            replaceCookie(request.headers(), c.name(), null);
        }
        ServerState s = backend.serverByCookie(serverValue).orElse(null);
        return s != null && s.acceptsPersistent() ? s : null;
    }

    /** Stores {@code server} for the stick rules' keys; sets or rewrites the persistence cookie in its response. */
    static void onResponse(BackendRuntime backend, ServerState server, MessageView view, ServerState requested,
            HttpResponse response) {
        backend.stickRules().onResponse(view.sticking, view, server);
        CookiePersistence c = backend.cookie();
        if (c == null) {
            return;
        }
        String value = server.config().cookie();
        if (value == null) {
            return;
        }
        HttpHeaders h = response.headers();
        switch (c.mode()) {
            case "insert" -> {
                long now = System.currentTimeMillis() / 1000;
                String dates = "";
                if (requested == server) {
                    CookieDates.Parsed seen = view.cookieDates;
                    if (seen == null) {
                        return; // the client already has it
                    }
                    boolean behind = seen.lastSeen() < 0
                            || seen.lastSeen() < now && !CookieDates.sameStep(seen.lastSeen(), now);
                    if (!behind) {
                        return; // its last-seen date is this step's (or ahead): nothing to refresh
                    }
                    dates = dates(c, now, seen.firstSeen() >= 0 ? seen.firstSeen() : now);
                } else if (dated(c)) {
                    dates = dates(c, now, now);
                }
                StringBuilder cookie = new StringBuilder(c.name()).append('=').append(value).append(dates)
                        .append("; path=/");
                for (String domain : c.domains()) {
                    cookie.append("; domain=").append(domain);
                }
                if (c.httponly()) {
                    cookie.append("; HttpOnly");
                }
                if (c.secure()) {
                    cookie.append("; Secure");
                }
                h.add(HttpHeaderNames.SET_COOKIE, cookie.toString());
                if (c.nocache() && cacheable(h)) {
                    h.set(HttpHeaderNames.CACHE_CONTROL, "private");
                }
            }
            case "rewrite", "prefix" -> {
                List<String> out = new ArrayList<>();
                boolean changed = false;
                for (String setCookie : h.getAll(HttpHeaderNames.SET_COOKIE)) {
                    int eq = setCookie.indexOf('=');
                    if (eq > 0 && setCookie.substring(0, eq).trim().equals(c.name())) {
                        int end = setCookie.indexOf(';', eq);
                        String rest = end < 0 ? "" : setCookie.substring(end);
                        String original = (end < 0 ? setCookie.substring(eq + 1) : setCookie.substring(eq + 1, end));
                        String v = c.mode().equals("rewrite") ? value : value + PREFIX_SEPARATOR + original;
                        out.add(c.name() + "=" + v + rest);
                        changed = true;
                    } else {
                        out.add(setCookie);
                    }
                }
                if (changed) {
                    h.remove(HttpHeaderNames.SET_COOKIE);
                    out.forEach(v -> h.add(HttpHeaderNames.SET_COOKIE, v));
                    if (c.nocache() && cacheable(h)) {
                        h.set(HttpHeaderNames.CACHE_CONTROL, "private");
                    }
                }
            }
            default -> { }
        }
    }

    /** Whether an insert-mode cookie carries dates ({@code maxidle} or {@code maxlife}). */
    private static boolean dated(CookiePersistence c) {
        return c.maxIdleMs() != null || c.maxLifeMs() != null;
    }

    /** {@code |LAST} with maxidle alone, {@code |LAST|FIRST} with maxlife. */
    private static String dates(CookiePersistence c, long last, long first) {
        String out = "|" + CookieDates.encode(last);
        return c.maxLifeMs() != null ? out + "|" + CookieDates.encode(first) : out;
    }

    /**
     * Whether a shared cache could keep this response (it says so explicitly: {@code public},
     * {@code max-age}, {@code s-maxage}, or an {@code Expires} date): only then does
     * {@code nocache} mark it private, so the cookie is not cached for other clients.
     */
    static boolean cacheable(HttpHeaders h) {
        for (String v : h.getAll(HttpHeaderNames.CACHE_CONTROL)) {
            String l = v.toLowerCase(java.util.Locale.ROOT);
            if (l.contains("private") || l.contains("no-cache") || l.contains("no-store")) {
                return false;
            }
            if (l.contains("public") || l.contains("max-age") || l.contains("s-maxage")) {
                return true;
            }
        }
        return h.contains(HttpHeaderNames.EXPIRES);
    }

    /** The value of cookie {@code name} in the request's Cookie headers, or null. */
    static String cookie(HttpHeaders h, String name) {
        for (String line : h.getAll(HttpHeaderNames.COOKIE)) {
            for (String part : line.split(";")) {
                int eq = part.indexOf('=');
                if (eq > 0 && part.substring(0, eq).trim().equals(name)) {
                    return part.substring(eq + 1).trim();
                }
            }
        }
        return null;
    }

    /** Replaces (or with null, removes) cookie {@code name} in the request's Cookie headers. */
    static void replaceCookie(HttpHeaders h, String name, String value) {
        List<String> lines = new ArrayList<>();
        for (String line : h.getAll(HttpHeaderNames.COOKIE)) {
            List<String> kept = new ArrayList<>();
            for (String part : line.split(";")) {
                int eq = part.indexOf('=');
                if (eq > 0 && part.substring(0, eq).trim().equals(name)) {
                    if (value != null) {
                        kept.add(name + "=" + value);
                    }
                } else if (!part.isBlank()) {
                    kept.add(part.trim());
                }
            }
            if (!kept.isEmpty()) {
                lines.add(String.join("; ", kept));
            }
        }
        h.remove(HttpHeaderNames.COOKIE);
        lines.forEach(l -> h.add(HttpHeaderNames.COOKIE, l));
    }
}
