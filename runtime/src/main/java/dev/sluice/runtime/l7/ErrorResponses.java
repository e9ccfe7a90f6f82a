package dev.sluice.runtime.l7;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The responses the proxy produces itself: 400 (bad request), 403 (denied), 408 (request
 * timeout), 500, 502 (bad gateway), 503 (no server) and 504 (gateway timeout), as small HTML
 * pages, unless the proxy has an {@code errorfile} for the status. As HAProxy's own pages, those
 * for 400 and 408 close the connection (after them the client's request stream cannot be trusted
 * to be where a request starts); after the others it may serve the next request.
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

    private static final Map<Integer, Reply> PAGES = new java.util.concurrent.ConcurrentHashMap<>();

    private ErrorResponses() {
    }

    /** The built-in page for {@code status}. */
    public static Reply page(int status) {
        return PAGES.computeIfAbsent(status, ErrorResponses::make);
    }

    private static Reply make(int status) {
        String body = "<html><body><h1>" + status + " " + HttpResponseStatus.valueOf(status).reasonPhrase()
                + "</h1>\n" + EXPLANATIONS.getOrDefault(status, "") + "\n</body></html>\n";
        List<Map.Entry<String, String>> headers = new ArrayList<>(List.of(
                Map.entry(HttpHeaderNames.CACHE_CONTROL.toString(), HttpHeaderValues.NO_CACHE.toString()),
                Map.entry(HttpHeaderNames.CONTENT_TYPE.toString(), "text/html")));
        if (status == 400 || status == 408) {
            headers.add(Map.entry(HttpHeaderNames.CONNECTION.toString(), HttpHeaderValues.CLOSE.toString()));
        }
        return Reply.of(status, headers, body.getBytes(StandardCharsets.ISO_8859_1));
    }
}
