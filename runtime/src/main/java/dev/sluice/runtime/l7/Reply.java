package dev.sluice.runtime.l7;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A response the proxy gives itself, made once when the plan is prepared: an error page, an
 * {@code errorfile}, the answer of a {@code deny} or {@code return} rule. Each use writes a new
 * message over the same bytes.
 *
 * @param version the protocol version of its status line
 * @param status the status code
 * @param reason the reason phrase
 * @param headers the header lines, in order, as written
 * @param body the body
 */
public record Reply(HttpVersion version, int status, String reason, List<Map.Entry<String, String>> headers,
        byte[] body) {

    public Reply {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(reason, "reason");
        headers = List.copyOf(headers);
        Objects.requireNonNull(body, "body");
    }

    /** A reply with {@code body}: its length, then {@code headers}. */
    public static Reply of(int status, List<Map.Entry<String, String>> headers, byte[] body) {
        List<Map.Entry<String, String>> all = new ArrayList<>();
        all.add(Map.entry(HttpHeaderNames.CONTENT_LENGTH.toString(), Integer.toString(body.length)));
        all.addAll(headers);
        return new Reply(HttpVersion.HTTP_1_1, status, HttpResponseStatus.valueOf(status).reasonPhrase(), all, body);
    }

    /**
     * Reads a complete HTTP response as an {@code errorfile} holds it: a status line, header lines,
     * an empty line and the body; lines end with CRLF or LF.
     *
     * @throws IllegalArgumentException naming what is wrong with it
     */
    public static Reply parse(byte[] raw) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\n\n");
        int crlfEnd = text.indexOf("\r\n\r\n");
        int bodyAt;
        if (crlfEnd >= 0 && (end < 0 || crlfEnd < end)) {
            end = crlfEnd;
            bodyAt = crlfEnd + 4;
        } else if (end >= 0) {
            bodyAt = end + 2;
        } else {
            end = text.length();
            bodyAt = text.length();
        }
        String[] lines = text.substring(0, end).split("\r?\n", -1);
        String[] statusLine = lines[0].split(" ", 3);
        if (statusLine.length < 2 || !statusLine[0].matches("HTTP/1\\.[01]")
                || !statusLine[1].matches("[1-5][0-9][0-9]")) {
            throw new IllegalArgumentException("it does not start with an HTTP status line (HTTP/1.1 503 ...)");
        }
        int status = Integer.parseInt(statusLine[1]);
        String reason = statusLine.length > 2 ? statusLine[2] : HttpResponseStatus.valueOf(status).reasonPhrase();
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("line " + (i + 1) + " is not a header (name: value)");
            }
            // names in lower case, as HAProxy sends every header it writes
            headers.add(Map.entry(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                    lines[i].substring(colon + 1).strip()));
        }
        return new Reply(HttpVersion.valueOf(statusLine[0]), status, reason, headers,
                Arrays.copyOfRange(raw, bodyAt, raw.length));
    }

    /** A new message of this reply, to write once; its version as the status line gives it (HAProxy keeps an errorfile's). */
    public FullHttpResponse response() {
        FullHttpResponse r = new DefaultFullHttpResponse(version, new HttpResponseStatus(status, reason),
                Unpooled.wrappedBuffer(body), false);
        for (Map.Entry<String, String> h : headers) {
            r.headers().add(h.getKey(), h.getValue());
        }
        return r;
    }

    /**
     * Whether the connection ends after the proxy's own answer {@code r}, as HAProxy decides: it says
     * {@code Connection: close}, or its body has no length to be read by ({@code Content-Length}
     * missing or not the body's).
     */
    public static boolean closesAfter(FullHttpResponse r) {
        String length = r.headers().get(HttpHeaderNames.CONTENT_LENGTH);
        return r.headers().containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE, true)
                || r.headers().contains(HttpHeaderNames.TRANSFER_ENCODING)
                || length == null || !length.strip().equals(Integer.toString(r.content().readableBytes()));
    }
}
