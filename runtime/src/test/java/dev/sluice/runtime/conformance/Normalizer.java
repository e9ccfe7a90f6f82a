package dev.sluice.runtime.conformance;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Turns an observation into the lines that are compared. What differs legitimately between two
 * correct proxies is left out or put in one form; {@link #RULES} says what, and the report
 * repeats it so a reader knows what a passing comparison does not cover.
 */
final class Normalizer {

    /** Headers the client receives that are not compared. */
    static final Set<String> CLIENT_DROPPED = Set.of("date", "connection", "keep-alive", "content-length",
            "transfer-encoding");

    /** Headers the server receives that are not compared. */
    static final Set<String> SERVER_DROPPED = Set.of("connection", "keep-alive", "content-length",
            "transfer-encoding");

    static final List<String> RULES = List.of(
            "header names are compared in lower case (HTTP names are case-insensitive; HAProxy 2.x sends them"
                    + " in lower case)",
            "headers are compared sorted by name; repeated headers keep their relative order",
            "not compared at the client: " + String.join(", ", sorted(CLIENT_DROPPED))
                    + " (hop-by-hop, framing or time; the body is compared instead of its framing)",
            "not compared at the server: " + String.join(", ", sorted(SERVER_DROPPED))
                    + " (hop-by-hop or framing; the server reports the body's length)",
            "bodies the proxy writes itself are compared only where a scenario asks (their wording is the"
                    + " proxy's own)",
            "a missing answer is 'no answer', whatever the socket error (reset and end of stream are alike)",
            "config ports and file paths differ between the two runs; nothing else in the text does");

    private Normalizer() {
    }

    /** The compared lines of {@code o}; {@code servers} renames servers (identity but for a rotation). */
    static List<String> lines(int index, Observation o, UnaryOperator<String> servers) {
        List<String> out = new ArrayList<>();
        out.add("[" + index + "] " + o.label());
        if (o.sent() != null) {
            tcp(o, servers, out);
            return out;
        }
        if (o.status() == 0) {
            out.add("  no answer");
            return out;
        }
        if (o.check() == Request.Check.STATUS_ONLY) {
            out.add("  status " + o.status());
            return out;
        }
        out.add("  status " + o.status() + " (" + o.version() + ")");
        out.add("  server " + o.server().map(servers).orElse("(none: the proxy answered)"));
        o.echo().filter(e -> o.check() != Request.Check.AT_CLIENT).ifPresent(e -> {
            out.add("  at server: " + e.requestLine());
            for (Header h : normalized(e.headers(), SERVER_DROPPED)) {
                out.add("  at server: " + h);
            }
            out.add("  at server: body " + e.bodyBytes() + " bytes");
        });
        for (Header h : normalized(o.headers(), CLIENT_DROPPED)) {
            out.add("  at client: " + (h.is("x-server") ? new Header(h.name(), servers.apply(h.value())) : h));
        }
        if (o.check() == Request.Check.WITH_BODY) {
            String body = new String(o.body(), StandardCharsets.ISO_8859_1);
            for (String line : body.split("\n", -1)) {
                out.add("  body | " + line.replace("\r", "\\r"));
            }
        }
        return out;
    }

    private static void tcp(Observation o, UnaryOperator<String> servers, List<String> out) {
        if (o.error() != null) {
            out.add("  no answer");
            return;
        }
        out.add("  server " + o.server().map(servers).orElse("(none)"));
        boolean same = Arrays.equals(o.sent(), o.body());
        out.add("  echoed " + (same ? "all " + o.sent().length + " bytes, identical"
                : o.body().length + " of " + o.sent().length + " bytes, NOT identical"));
    }

    static List<Header> normalized(List<Header> headers, Set<String> dropped) {
        return headers.stream().map(Header::lowerCaseName).filter(h -> !dropped.contains(h.name()))
                .sorted(Comparator.comparing(Header::name)).toList();
    }

    private static List<String> sorted(Set<String> s) {
        return s.stream().sorted().toList();
    }
}
