package dev.sluice.runtime.l7;

import dev.sluice.compiler.plan.ErrorFile;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
 * @param silent the reply is no response at all: the connection closes without a word, as HAProxy
 *     closes it for an empty {@code errorfile} ({@code errorfile 408 /dev/null})
 */
public record Reply(HttpVersion version, int status, String reason, List<Map.Entry<String, String>> headers,
        byte[] body, boolean silent) {

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
        return new Reply(HttpVersion.HTTP_1_1, status, HttpResponseStatus.valueOf(status).reasonPhrase(), all, body,
                false);
    }

    /**
     * Reads a complete HTTP response as an {@code errorfile} holds it ({@link ErrorFile}); an empty
     * file stands for {@code status} answered by closing the connection.
     *
     * @throws IllegalArgumentException saying what is wrong with it, in HAProxy's words
     */
    public static Reply parse(byte[] raw, int status) {
        if (raw.length == 0) {
            return new Reply(HttpVersion.HTTP_1_1, status, HttpResponseStatus.valueOf(status).reasonPhrase(), List.of(),
                    raw, true);
        }
        ErrorFile f;
        try {
            f = ErrorFile.parse(raw);
        } catch (ErrorFile.Invalid e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        String reason = f.reason().isEmpty() ? HttpResponseStatus.valueOf(f.status()).reasonPhrase() : f.reason();
        return new Reply(HttpVersion.valueOf(f.version()), f.status(), reason, f.headers(),
                Arrays.copyOfRange(raw, f.bodyOffset(), raw.length), false);
    }

    /**
     * A new message of this reply, to write once; its version as the status line gives it (HAProxy
     * keeps an errorfile's).
     */
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
