package dev.sluice.runtime.l7;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The websocket handshake's keys, checked as HAProxy 2.6 checks them: a request to upgrade to
 * {@code websocket} without a {@code Sec-WebSocket-Key} is a bad request (400), and a 101 answer
 * whose {@code Sec-WebSocket-Accept} is missing or not the one the key calls for is a bad
 * response (502).
 */
final class Websocket {

    /** The constant of RFC 6455, section 1.3, appended to the key before hashing. */
    private static final byte[] GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11".getBytes(StandardCharsets.US_ASCII);

    private Websocket() {
    }

    /** Whether {@code message} asks to switch to the websocket protocol. */
    static boolean requested(HttpMessage message) {
        return message.headers().containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true)
                && message.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true);
    }

    /** The request's key, or null when it has none. */
    static String key(HttpMessage request) {
        return request.headers().get(HttpHeaderNames.SEC_WEBSOCKET_KEY);
    }

    /** Whether a 101 answer carries the accept value that {@code key} calls for. */
    static boolean accepts(String key, HttpMessage response) {
        String accept = response.headers().get(HttpHeaderNames.SEC_WEBSOCKET_ACCEPT);
        return accept != null && accept.trim().equals(acceptFor(key.trim()));
    }

    /** base64(SHA-1(key + GUID)). */
    static String acceptFor(String key) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(key.getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(sha1.digest(GUID));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-1", e);
        }
    }
}
