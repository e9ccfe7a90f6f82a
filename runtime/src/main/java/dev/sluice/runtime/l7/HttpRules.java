package dev.sluice.runtime.l7;

import dev.sluice.compiler.plan.Redirect;
import dev.sluice.compiler.plan.Rule;
import dev.sluice.runtime.ErrorPages;
import dev.sluice.runtime.RuntimeSetupException;
import dev.sluice.runtime.sample.CompiledCondition;
import dev.sluice.runtime.sample.CompiledFormat;
import dev.sluice.runtime.sample.CompiledSample;
import dev.sluice.runtime.sample.SampleCompiler;
import dev.sluice.runtime.sample.SampleValue;
import dev.sluice.runtime.sample.Variables;
import dev.sluice.runtime.track.StickAction;
import dev.sluice.runtime.track.Tracking;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One rule set ({@code http-request} or {@code http-response} of a proxy, or its {@code redirect}
 * lines) compiled for the runtime: each rule's condition, then its action on the message. Rules
 * run in order; a final action ({@code deny}, {@code return}, {@code redirect}) answers the
 * client instead, {@code allow} ends the set.
 */
public final class HttpRules {

    /** Actions the runtime performs; a rule with another action is skipped (and reported at start). */
    public static final Set<String> REQUEST_ACTIONS = with(StickAction.ACTIONS, "set-header", "add-header",
            "del-header", "replace-header", "replace-value", "set-path", "set-query", "set-uri", "set-method",
            "redirect", "deny", "return", "allow", "set-var", "unset-var", "set-log-level", "tarpit");
    public static final Set<String> RESPONSE_ACTIONS = with(StickAction.ACTIONS, "set-header", "add-header",
            "del-header", "replace-header", "replace-value", "set-status", "deny", "allow", "set-var", "unset-var",
            "set-log-level");

    private static Set<String> with(Set<String> some, String... more) {
        Set<String> all = new java.util.HashSet<>(some);
        all.addAll(List.of(more));
        return Set.copyOf(all);
    }

    static final HttpRules NONE = new HttpRules(List.of());

    /** The actions that answer the client themselves. */
    private static final Set<String> ANSWERING = Set.of("deny", "tarpit", "return");

    /** What running a rule set decided. */
    static final class Outcome {
        static final Outcome CONTINUE = new Outcome(null, null, 0);
        /** The client's answer instead of the server's (for a request) or the server's (response), */
        final FullHttpResponse answer;
        /** or a reply made when the plan was prepared, */
        final Reply reply;
        /** or, when not 0, the proxy's own page for this status. */
        final int ownPage;

        private Outcome(FullHttpResponse answer, Reply reply, int ownPage) {
            this.answer = answer;
            this.reply = reply;
            this.ownPage = ownPage;
        }

        boolean ends() {
            return answer != null || reply != null || ownPage != 0;
        }
    }

    /**
     * What a {@code deny}, {@code tarpit} or {@code return} rule answers, made when the plan is
     * prepared: a reply ({@code fixed}), or the proxy's own page for {@code status} (its
     * {@code errorfile}, else the built-in page), or for an {@code lf-string} body a reply made per
     * request from {@code status} and {@code headers}.
     */
    record Answer(Reply fixed, boolean ownPage, int status, List<Map.Entry<String, String>> headers) {

        Outcome outcome(Compiled r, MessageView view) {
            if (fixed != null) {
                return new Outcome(null, fixed, 0);
            }
            if (ownPage) {
                return new Outcome(null, null, status);
            }
            byte[] body = r.format().render(view).getBytes(StandardCharsets.ISO_8859_1);
            return new Outcome(Reply.of(status, headers, body).response(), null, 0);
        }
    }

    private final List<Compiled> rules;

    private HttpRules(List<Compiled> rules) {
        this.rules = List.copyOf(rules);
    }

    boolean isEmpty() {
        return rules.isEmpty();
    }

    /**
     * Compiles {@code rules} ({@code http-response} ones when {@code response}), the pages their
     * answers name read from {@code pages}.
     */
    public static HttpRules of(List<Rule> rules, SampleCompiler compiler, boolean response, ErrorPages.Sources pages)
            throws RuntimeSetupException {
        List<Compiled> out = new ArrayList<>();
        Set<String> known = response ? RESPONSE_ACTIONS : REQUEST_ACTIONS;
        for (Rule r : rules) {
            String stem = r.action().contains("(") ? r.action().substring(0, r.action().indexOf('(')) : r.action();
            if (!known.contains(stem)) {
                continue;
            }
            boolean replaces = stem.equals("replace-header") || stem.equals("replace-value");
            boolean stick = StickAction.ACTIONS.contains(stem);
            out.add(new Compiled(stem, r.action(), r.args(), compiler.condition(r.condition()),
                    r.format() == null ? null : compiler.format(r.format()),
                    r.sample() == null || stick ? null : compiler.sample(r.sample()),
                    replaces && r.args().size() > 1 ? Pattern.compile(r.args().get(1)) : null,
                    stick ? StickAction.compile(r, compiler) : null,
                    ANSWERING.contains(stem) ? answer(stem, r.args(), r.format() != null, response, pages) : null));
        }
        return new HttpRules(out);
    }

    /** The {@code redirect} lines of a proxy, as a rule set of redirects. */
    public static HttpRules redirects(List<Redirect> redirects, SampleCompiler compiler) {
        List<Compiled> out = new ArrayList<>();
        for (Redirect r : redirects) {
            List<String> args = new ArrayList<>(List.of(r.type(), r.target(), "code", Integer.toString(r.code())));
            args.addAll(r.options());
            out.add(new Compiled("redirect", "redirect", args, compiler.condition(r.condition()),
                    r.format() == null ? null : compiler.format(r.format()), null, null, null, null));
        }
        return new HttpRules(out);
    }

    /** Runs the set on the request of {@code view}. */
    Outcome request(MessageView view) {
        for (Compiled r : rules) {
            if (!r.condition().test(view)) {
                continue;
            }
            if (r.stick() != null) {
                r.stick().run(view, true);
                continue;
            }
            HttpRequest req = view.request();
            switch (r.stem()) {
                case "allow" -> {
                    return Outcome.CONTINUE;
                }
                case "deny", "tarpit" -> {
                    Tracking.denied(view);
                    view.deny();
                    return r.answer().outcome(r, view);
                }
                case "return" -> {
                    return r.answer().outcome(r, view);
                }
                case "redirect" -> {
                    FullHttpResponse redirect = redirect(r, view);
                    if (redirect != null) {
                        return new Outcome(redirect, null, 0);
                    }
                }
                case "set-path" -> {
                    String uri = req.uri();
                    int q = uri.indexOf('?');
                    req.setUri(value(r, view) + (q >= 0 ? uri.substring(q) : ""));
                }
                case "set-query" -> {
                    String uri = req.uri();
                    int q = uri.indexOf('?');
                    String query = value(r, view);
                    req.setUri((q >= 0 ? uri.substring(0, q) : uri) + (query.isEmpty() ? "" : "?" + query));
                }
                case "set-uri" -> req.setUri(value(r, view));
                case "set-method" -> req.setMethod(HttpMethod.valueOf(value(r, view)));
                default -> headerOrVar(r, view, req);
            }
            view.changed();
        }
        return Outcome.CONTINUE;
    }

    /** Runs the set on the response in {@code view}. */
    Outcome response(MessageView view, HttpResponse response) {
        for (Compiled r : rules) {
            if (!r.condition().test(view)) {
                continue;
            }
            if (r.stick() != null) {
                r.stick().run(view, false);
                continue;
            }
            switch (r.stem()) {
                case "allow" -> {
                    return Outcome.CONTINUE;
                }
                case "deny" -> {
                    view.deny();
                    return r.answer().outcome(r, view);
                }
                case "set-status" -> {
                    int code = Integer.parseInt(r.args().get(0));
                    String reason = r.args().size() > 2 && r.args().get(1).equals("reason") ? r.args().get(2)
                            : HttpResponseStatus.valueOf(code).reasonPhrase();
                    response.setStatus(new HttpResponseStatus(code, reason));
                }
                default -> headerOrVar(r, view, response);
            }
            view.changed();
        }
        return Outcome.CONTINUE;
    }

    private static void headerOrVar(Compiled r, MessageView view, HttpMessage message) {
        HttpHeaders h = message.headers();
        List<String> a = r.args();
        switch (r.stem()) {
            case "set-header" -> h.set(a.get(0), value(r, view));
            case "add-header" -> h.add(a.get(0), value(r, view));
            case "del-header" -> h.remove(a.get(0));
            case "replace-header", "replace-value" -> {
                Pattern regex = r.regex();
                String replacement = value(r, view);
                List<String> values = h.getAll(a.get(0));
                if (values.isEmpty()) {
                    return;
                }
                List<String> replaced = new ArrayList<>();
                for (String v : values) {
                    if (r.stem().equals("replace-value")) {
                        List<String> parts = new ArrayList<>();
                        for (String part : v.split(",")) {
                            parts.add(replaceAll(regex, part.strip(), replacement));
                        }
                        replaced.add(String.join(", ", parts));
                    } else {
                        replaced.add(replaceAll(regex, v, replacement));
                    }
                }
                h.remove(a.get(0));
                replaced.forEach(v -> h.add(a.get(0), v));
            }
            case "set-var" -> {
                if (r.sample() != null) {
                    SampleValue v = r.sample().evaluate(view);
                    if (v != null) {
                        view.variables().set(Variables.ofAction(r.action()), v);
                    }
                }
            }
            case "unset-var" -> view.variables().unset(Variables.ofAction(r.action()));
            default -> { } // set-log-level: nothing is logged yet
        }
    }

    /** HAProxy's replacement syntax ({@code \1}) over a whole-value match, as {@code regsub}-like rules do. */
    static String replaceAll(Pattern regex, String value, String replacement) {
        Matcher m = regex.matcher(value);
        if (!m.matches()) {
            return value;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < replacement.length(); i++) {
            char c = replacement.charAt(i);
            if (c == '\\' && i + 1 < replacement.length() && Character.isDigit(replacement.charAt(i + 1))) {
                int g = replacement.charAt(++i) - '0';
                if (g <= m.groupCount() && m.group(g) != null) {
                    out.append(m.group(g));
                }
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String value(Compiled r, MessageView view) {
        if (r.format() != null) {
            return r.format().render(view);
        }
        List<String> a = r.args();
        return switch (r.stem()) {
            case "set-header", "add-header" -> a.size() > 1 ? a.get(1) : "";
            case "replace-header", "replace-value" -> a.size() > 2 ? a.get(2) : "";
            default -> a.isEmpty() ? "" : a.get(0);
        };
    }

    /**
     * The answer of a {@code deny}, {@code tarpit} or {@code return} rule with {@code args}:
     * {@code [status N | deny_status N] [content-type T] [string S | lf-string F | file F]
     * [errorfile F | errorfiles SECTION | default-errorfiles] [hdr NAME VALUE]...}, as HAProxy gives
     * it. A deny without content gives the proxy's own page for its status (403, a response's 502,
     * a tarpit's 500); a return without content an empty body. An {@code errorfile} is sent as it
     * is, its own status included; {@code errorfiles} takes the section's page for the status, an
     * empty body when it has none.
     */
    private static Answer answer(String stem, List<String> args, boolean formatCompiled, boolean response,
            ErrorPages.Sources pages) throws RuntimeSetupException {
        int status = stem.equals("return") ? 200 : stem.equals("tarpit") ? 500 : response ? 502 : 403;
        String type = null;
        byte[] body = null;
        boolean formatted = false;
        String page = null;
        String section = null;
        boolean ownPage = !stem.equals("return");
        List<Map.Entry<String, String>> added = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String w = args.get(i);
            switch (w) {
                case "status", "deny_status" -> status = Integer.parseInt(args.get(++i));
                case "content-type" -> type = args.get(++i);
                case "string" -> body = args.get(++i).getBytes(StandardCharsets.ISO_8859_1);
                case "file" -> body = pages.read(args.get(++i));
                case "lf-string" -> {
                    // a plan compiled before lf-string bodies were formats carries the text alone
                    formatted = formatCompiled;
                    String text = args.get(++i);
                    body = formatCompiled ? null : text.getBytes(StandardCharsets.ISO_8859_1);
                }
                case "lf-file" -> i++;
                case "errorfile" -> page = args.get(++i);
                case "errorfiles" -> section = args.get(++i);
                case "default-errorfiles" -> ownPage = true;
                case "hdr" -> {
                    added.add(Map.entry(args.get(i + 1).toLowerCase(java.util.Locale.ROOT), args.get(i + 2)));
                    i += 2;
                }
                default -> { }
            }
        }
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        if (type != null) {
            headers.add(Map.entry(HttpHeaderNames.CONTENT_TYPE.toString(), type));
        }
        headers.addAll(added);
        if (page != null) {
            return new Answer(pages.errorfile(page, status), false, status, headers);
        }
        if (section != null) {
            return new Answer(pages.section(section).page(status).orElse(Reply.of(status, List.of(), new byte[0])),
                    false, status, headers);
        }
        if (formatted) {
            return new Answer(null, false, status, headers);
        }
        if (body != null || !ownPage) {
            return new Answer(Reply.of(status, headers, body != null ? body : new byte[0]), false, status, headers);
        }
        return new Answer(null, true, status, headers);
    }

    /**
     * {@code redirect location|prefix|scheme TARGET [code N] [drop-query] [append-slash]
     * [set-cookie NAME[=VALUE]] [clear-cookie NAME]}; null when the target renders empty.
     */
    static FullHttpResponse redirect(Compiled r, MessageView view) {
        List<String> a = r.args();
        String type = a.get(0);
        String target = r.format() != null ? r.format().render(view) : a.get(1);
        int code = 302;
        boolean dropQuery = false;
        boolean appendSlash = false;
        List<String> cookies = new ArrayList<>();
        for (int i = 2; i < a.size(); i++) {
            switch (a.get(i)) {
                case "code" -> code = Integer.parseInt(a.get(++i));
                case "drop-query" -> dropQuery = true;
                case "append-slash" -> appendSlash = true;
                case "set-cookie" -> cookies.add(a.get(++i) + "; path=/");
                case "clear-cookie" -> cookies.add(a.get(++i) + "; path=/; max-age=0");
                default -> { }
            }
        }
        if (target.isEmpty()) {
            return null;
        }
        HttpRequest req = view.request();
        String uri = req.uri();
        String path = uri;
        String query = "";
        int q = uri.indexOf('?');
        if (q >= 0) {
            path = uri.substring(0, q);
            query = uri.substring(q);
        }
        if (appendSlash && !path.endsWith("/")) {
            path = path + "/";
        }
        String rest = path + (dropQuery ? "" : query);
        String location = switch (type) {
            case "prefix" -> target.equals("/") ? rest : target + rest;
            case "scheme" -> {
                String host = req.headers().get(HttpHeaderNames.HOST);
                yield host == null ? rest : target + "://" + host + rest;
            }
            default -> target;
        };
        FullHttpResponse resp = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(code),
                Unpooled.EMPTY_BUFFER);
        resp.headers().set(HttpHeaderNames.CONTENT_LENGTH, 0);
        resp.headers().set(HttpHeaderNames.LOCATION, location);
        if (code == 302 || code == 303 || code == 307) {
            // a temporary redirect must not be cached (HAProxy marks these, not 301 and 308)
            resp.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-cache");
        }
        cookies.forEach(c -> resp.headers().add(HttpHeaderNames.SET_COOKIE, c));
        return resp;
    }

    /**
     * One compiled rule; {@code regex} is the compiled pattern of a {@code replace-*} action,
     * {@code stick} the stick-counter action ({@code track-sc*}, {@code sc-inc-gpc*}, ...).
     */
    record Compiled(String stem, String action, List<String> args, CompiledCondition condition, CompiledFormat format,
            CompiledSample sample, Pattern regex, StickAction stick, Answer answer) {}
}
