package dev.sluice.runtime.l7;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The responses the proxy produces itself: 400 (bad request), 403 (denied), 408 (request
 * timeout), 500, 502 (bad gateway), 503 (no server) and 504 (gateway timeout), as small HTML
 * pages with {@code Connection: close}, unless the proxy has an {@code errorfile} for the status.
 */
public final class ErrorResponses {

    private static final Map<Integer, String> EXPLANATIONS = Map.of(
            400, "The request could not be understood.",
            403, "Access to this resource is denied.",
            405, "This method is not allowed.",
            408, "The request was not received in time.",
            425, "The request was sent too early.",
            429, "Too many requests were sent.",
            500, "The proxy met an internal error.",
            502, "The server sent an invalid response or none.",
            503, "No server is available for this request.",
            504, "The server did not answer in time.");

    private ErrorResponses() {
    }

    /** The built-in page for {@code status}. */
    public static FullHttpResponse page(ByteBufAllocator alloc, int status) {
        HttpResponseStatus s = HttpResponseStatus.valueOf(status);
        String body = "<html><body><h1>" + status + " " + s.reasonPhrase() + "</h1>\n"
                + EXPLANATIONS.getOrDefault(status, "") + "\n</body></html>\n";
        ByteBuf content = alloc.buffer(body.length()).writeBytes(body.getBytes(StandardCharsets.ISO_8859_1));
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, s, content);
        r.headers().set(HttpHeaderNames.CONTENT_LENGTH, content.readableBytes());
        r.headers().set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_CACHE);
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/html");
        r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        return r;
    }
}
