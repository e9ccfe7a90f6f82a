package dev.sluice.runtime.conformance;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One request a scenario sends, the same bytes to both proxies, and how much of the answer to
 * compare. Built requests carry {@code Host: conformance.test} unless told otherwise; a raw one is
 * sent exactly as written.
 *
 * @param raw the exact bytes to send, or null to build them from the other fields
 * @param cookies whether to send the cookies collected from earlier answers in this run
 * @param check how much of the answer is compared
 */
record Request(String method, String target, String version, List<Header> headers, String body, String raw,
        boolean cookies, Check check) {

    static final String HOST = "conformance.test";

    /** How much of an answer is compared. */
    enum Check {
        /** Status, chosen server, what the server received, headers the client received. */
        FULL,
        /** {@link #FULL} and the body as well (for answers the proxy writes itself). */
        WITH_BODY,
        /** {@link #FULL} but for what the server received. */
        AT_CLIENT,
        /** Whether there was an answer and its status, nothing else. */
        STATUS_ONLY
    }

    Request {
        headers = List.copyOf(headers);
    }

    static Request get(String target) {
        return new Request("GET", target, "HTTP/1.1", List.of(new Header("Host", HOST)), null, null, false,
                Check.FULL);
    }

    /** A websocket handshake (RFC 6455's sample key), to send with {@link Scenario#upgrade}. */
    static Request websocket(String target) {
        return get(target).header("Connection", "Upgrade").header("Upgrade", "websocket")
                .header("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==").header("Sec-WebSocket-Version", "13");
    }

    static Request head(String target) {
        return get(target).method("HEAD");
    }

    static Request post(String target, String body) {
        return get(target).method("POST").body(body);
    }

    /** Sent as is: use it for malformed requests. */
    static Request raw(String bytes) {
        String first = bytes.split(" ", 2)[0];
        return new Request(first, "", "", List.of(), null, bytes, false, Check.FULL);
    }

    Request method(String m) {
        return new Request(m, target, version, headers, body, raw, cookies, check);
    }

    Request body(String b) {
        return new Request(method, target, version, headers, b, raw, cookies, check);
    }

    /** Another protocol version; {@code HTTP/1.0} requests get no Host header. */
    Request version(String v) {
        List<Header> h = v.equals("HTTP/1.0") ? headers.stream().filter(x -> !x.is("host")).toList() : headers;
        return new Request(method, target, v, h, body, raw, cookies, check);
    }

    Request header(String name, String value) {
        List<Header> h = new ArrayList<>(headers);
        h.add(new Header(name, value));
        return new Request(method, target, version, h, body, raw, cookies, check);
    }

    /** Replaces the Host header. */
    Request host(String host) {
        List<Header> h = new ArrayList<>(headers.stream().filter(x -> !x.is("host")).toList());
        h.add(0, new Header("Host", host));
        return new Request(method, target, version, h, body, raw, cookies, check);
    }

    /** Asks the proxy to close the connection after the answer. */
    Request close() {
        return header("Connection", "close");
    }

    /** Sends the cookies earlier answers set. */
    Request withCookies() {
        return new Request(method, target, version, headers, body, raw, true, check);
    }

    Request statusOnly() {
        return new Request(method, target, version, headers, body, raw, cookies, Check.STATUS_ONLY);
    }

    Request atClientOnly() {
        return new Request(method, target, version, headers, body, raw, cookies, Check.AT_CLIENT);
    }

    Request withBody() {
        return new Request(method, target, version, headers, body, raw, cookies, Check.WITH_BODY);
    }

    boolean isHead() {
        return method.equals("HEAD");
    }

    /** The bytes to send, with the cookie jar's content when asked. */
    byte[] bytes(Map<String, String> jar) {
        if (raw != null) {
            return raw.getBytes(StandardCharsets.ISO_8859_1);
        }
        StringBuilder b = new StringBuilder();
        b.append(method).append(' ').append(target).append(' ').append(version).append("\r\n");
        for (Header h : headers) {
            b.append(h.name()).append(": ").append(h.value()).append("\r\n");
        }
        if (cookies && !jar.isEmpty()) {
            b.append("Cookie: ").append(jar.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; "))).append("\r\n");
        }
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.ISO_8859_1);
        if (body != null) {
            b.append("Content-Length: ").append(content.length).append("\r\n");
        }
        b.append("\r\n");
        byte[] head = b.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[head.length + content.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(content, 0, all, head.length, content.length);
        return all;
    }

    /** The request line, readable: control characters of a raw request shown escaped. */
    String label() {
        if (raw != null) {
            return "raw \"" + raw.replace("\r", "\\r").replace("\n", "\\n") + "\"";
        }
        return method + " " + target + " " + version + (cookies ? " (with cookies)" : "");
    }
}
