package dev.sluice.compiler.plan;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The content of an {@code errorfile}: a complete HTTP/1 response (status line, header lines, an
 * empty line, the body), read as HAProxy reads it when it loads the configuration. Lines end with
 * CRLF or LF; a {@code Content-Length} must be the body's; a chunked body is refused.
 *
 * @param version the protocol of the status line ({@code HTTP/1.1})
 * @param status the status code
 * @param reason the reason phrase (may be empty)
 * @param headers the header lines in order, names in lower case (HAProxy sends them so)
 * @param bodyOffset where the body starts
 */
public record ErrorFile(String version, int status, String reason, List<Map.Entry<String, String>> headers,
        int bodyOffset) {

    public ErrorFile {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(reason, "reason");
        headers = List.copyOf(headers);
    }

    /** Why a file is not an HTTP response, in HAProxy's words. */
    public static final class Invalid extends Exception {

        private static final long serialVersionUID = 1L;

        Invalid(String message) {
            super(message);
        }
    }

    /**
     * Reads {@code raw}.
     *
     * @throws Invalid naming the first problem (for a malformed head, its byte offset)
     */
    public static ErrorFile parse(byte[] raw) throws Invalid {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int at = 0;
        int space = text.indexOf(' ');
        String version = space < 0 ? "" : text.substring(0, space);
        if (!version.matches("HTTP/[0-9]\\.[0-9]")) {
            throw malformed(firstMismatch(text, "HTTP/0.0"));
        }
        at = space + 1;
        int digits = at;
        while (digits < text.length() && Character.isDigit(text.charAt(digits))) {
            digits++;
        }
        if (digits == at || digits - at > 3) {
            throw malformed(digits);
        }
        int status = Integer.parseInt(text.substring(at, digits));
        int lineEnd = text.indexOf('\n', digits);
        if (lineEnd < 0) {
            throw malformed(text.length());
        }
        String rest = text.substring(digits, lineEnd).replaceFirst("\r$", "");
        if (!rest.isEmpty() && rest.charAt(0) != ' ') {
            throw malformed(digits);
        }
        String reason = rest.strip();
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        at = lineEnd + 1;
        while (true) {
            int end = text.indexOf('\n', at);
            if (end < 0) {
                throw malformed(text.length());
            }
            String line = text.substring(at, end).replaceFirst("\r$", "");
            if (line.isEmpty()) {
                at = end + 1;
                break;
            }
            int name = 0;
            while (name < line.length() && isTokenChar(line.charAt(name))) {
                name++;
            }
            if (name == 0 || name == line.length() || line.charAt(name) != ':') {
                throw malformed(at + name);
            }
            headers.add(Map.entry(line.substring(0, name).toLowerCase(Locale.ROOT), line.substring(name + 1).strip()));
            at = end + 1;
        }
        int body = raw.length - at;
        for (Map.Entry<String, String> h : headers) {
            if (h.getKey().equals("transfer-encoding") && h.getValue().toLowerCase(Locale.ROOT).contains("chunked")) {
                throw new Invalid("chunk-encoded payload not supported");
            }
            if (h.getKey().equals("content-length") && !h.getValue().equals(Integer.toString(body))) {
                throw new Invalid("payload size does not match the announced content-length (" + body + " != "
                        + h.getValue() + ")");
            }
        }
        return new ErrorFile(version, status, reason, headers, at);
    }

    private static Invalid malformed(int offset) {
        return new Invalid("unable to parse headers (error offset: " + offset + ")");
    }

    /** Where {@code text} first differs from the shape of {@code pattern} (a digit for each 0). */
    private static int firstMismatch(String text, String pattern) {
        for (int i = 0; i < pattern.length(); i++) {
            if (i >= text.length()) {
                return i;
            }
            char p = pattern.charAt(i);
            char c = text.charAt(i);
            if (p == '0' ? !Character.isDigit(c) : c != p) {
                return i;
            }
        }
        return pattern.length();
    }

    /** A character of an HTTP token (RFC 9110 tchar). */
    private static boolean isTokenChar(char c) {
        return c < 127 && (Character.isLetterOrDigit(c) || "!#$%&'*+-.^_`|~".indexOf(c) >= 0);
    }
}
