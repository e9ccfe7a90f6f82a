package dev.sluice.runtime.check;

import dev.sluice.compiler.plan.HealthCheck;
import io.netty.handler.codec.http.FullHttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The request and the expectation of an HTTP health check, from {@code option httpchk} and the
 * {@code http-check send}/{@code expect} lines. Expectations: {@code status CODES} (a list or
 * ranges), {@code rstatus REGEX}, {@code string TEXT}, {@code rstring REGEX}, each negated by
 * {@code !}; without one, any 2xx or 3xx status passes.
 */
record HttpCheck(String method, String uri, String version, Map<String, String> headers, String expect,
        boolean negated, String pattern) {

    /** The most of a response body a check reads. */
    static final int MAX_BODY = 16 * 1024;

    static HttpCheck of(HealthCheck c) {
        String method = c.method() != null ? c.method() : "OPTIONS";
        String uri = c.uri() != null ? c.uri() : "/";
        String version = c.version() != null ? c.version() : "HTTP/1.0";
        Map<String, String> headers = new LinkedHashMap<>();
        String expect = null;
        boolean negated = false;
        String pattern = null;
        for (HealthCheck.CheckRule r : c.rules()) {
            if (!r.kind().equals("http-check")) {
                continue;
            }
            List<String> a = r.args();
            if (r.action().equals("send")) {
                for (int i = 0; i + 1 < a.size(); i++) {
                    switch (a.get(i)) {
                        case "meth" -> method = a.get(++i);
                        case "uri" -> uri = a.get(++i);
                        case "ver" -> version = a.get(++i);
                        case "hdr" -> {
                            if (i + 2 < a.size()) {
                                headers.put(a.get(i + 1), a.get(i + 2));
                                i += 2;
                            }
                        }
                        default -> { }
                    }
                }
            } else if (r.action().equals("expect") && expect == null) {
                int i = 0;
                if (i < a.size() && a.get(i).equals("!")) {
                    negated = true;
                    i++;
                }
                while (i < a.size() && (a.get(i).startsWith("min-recv") || a.get(i).startsWith("comment")
                        || a.get(i).startsWith("ok-status") || a.get(i).startsWith("error-status")
                        || a.get(i).startsWith("tout-status") || a.get(i).startsWith("on-success")
                        || a.get(i).startsWith("on-error") || a.get(i).startsWith("status-code"))) {
                    i += 2;
                }
                if (i + 1 < a.size()) {
                    expect = a.get(i);
                    pattern = a.get(i + 1);
                }
            }
        }
        return new HttpCheck(method, uri, version.toUpperCase(java.util.Locale.ROOT), Map.copyOf(headers), expect,
                negated, pattern);
    }

    HealthChecker.Result judge(FullHttpResponse r) {
        int code = r.status().code();
        String status = "HTTP status " + code;
        if (expect == null) {
            boolean ok = code >= 200 && code < 400;
            return new HealthChecker.Result(ok ? CheckStatus.L7OK : CheckStatus.L7STS, code, status);
        }
        boolean matched = switch (expect) {
            case "status" -> statusMatches(code, pattern);
            case "rstatus" -> Pattern.compile(pattern).matcher(Integer.toString(code)).find();
            case "string" -> r.content().toString(StandardCharsets.ISO_8859_1).contains(pattern);
            case "rstring" -> Pattern.compile(pattern).matcher(r.content().toString(StandardCharsets.ISO_8859_1)).find();
            default -> code >= 200 && code < 400;
        };
        boolean ok = matched != negated;
        return new HealthChecker.Result(ok ? CheckStatus.L7OK : CheckStatus.L7STS, code, status + (ok ? ""
                : ", expected " + (negated ? "! " : "") + expect + " " + pattern));
    }

    /** {@code 200}, {@code 200,204}, {@code 200-399}. */
    static boolean statusMatches(int code, String spec) {
        for (String part : spec.split(",")) {
            int dash = part.indexOf('-');
            try {
                if (dash > 0) {
                    if (code >= Integer.parseInt(part.substring(0, dash).trim())
                            && code <= Integer.parseInt(part.substring(dash + 1).trim())) {
                        return true;
                    }
                } else if (code == Integer.parseInt(part.trim())) {
                    return true;
                }
            } catch (NumberFormatException e) {
                // not a status: no match
            }
        }
        return false;
    }
}
