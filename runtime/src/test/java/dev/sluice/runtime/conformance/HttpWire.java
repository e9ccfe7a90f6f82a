package dev.sluice.runtime.conformance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reading HTTP/1.x messages off a socket, with limits so a confused peer cannot stall a test. */
final class HttpWire {

    static final int MAX_LINE = 16 * 1024;
    static final int MAX_HEADERS = 200;
    static final int MAX_BODY = 4 * 1024 * 1024;

    private HttpWire() {
    }

    /** A line without its CRLF (or bare LF), or null at end of stream before any byte. */
    static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                byte[] b = line.toByteArray();
                int n = b.length > 0 && b[b.length - 1] == '\r' ? b.length - 1 : b.length;
                return new String(b, 0, n, StandardCharsets.ISO_8859_1);
            }
            if (line.size() >= MAX_LINE) {
                throw new IOException("line longer than " + MAX_LINE + " bytes");
            }
            line.write(c);
        }
        if (line.size() == 0) {
            return null;
        }
        throw new IOException("stream ended inside a line: " + line.toString(StandardCharsets.ISO_8859_1));
    }

    /** Header lines up to the empty line. */
    static List<Header> readHeaders(InputStream in) throws IOException {
        List<Header> headers = new ArrayList<>();
        String line;
        while ((line = readLine(in)) != null && !line.isEmpty()) {
            if (headers.size() >= MAX_HEADERS) {
                throw new IOException("more than " + MAX_HEADERS + " headers");
            }
            headers.add(Header.parse(line));
        }
        if (line == null) {
            throw new IOException("stream ended inside the headers");
        }
        return headers;
    }

    /** A request's body: chunked, or {@code Content-Length} bytes, else none. */
    static byte[] readRequestBody(InputStream in, List<Header> headers) throws IOException {
        if (chunked(headers)) {
            return readChunked(in);
        }
        var length = Header.first(headers, "content-length");
        return length.isPresent() ? readExactly(in, Integer.parseInt(length.get().trim())) : new byte[0];
    }

    /**
     * A response's body (RFC 9112 section 6.3): none for HEAD, 1xx, 204 and 304; chunked;
     * {@code Content-Length} bytes; else up to the end of the stream.
     */
    static byte[] readResponseBody(InputStream in, int status, boolean head, List<Header> headers)
            throws IOException {
        if (head || status / 100 == 1 || status == 204 || status == 304) {
            return new byte[0];
        }
        if (chunked(headers)) {
            return readChunked(in);
        }
        var length = Header.first(headers, "content-length");
        if (length.isPresent()) {
            return readExactly(in, Integer.parseInt(length.get().trim()));
        }
        return readLimited(in);
    }

    private static boolean chunked(List<Header> headers) {
        return Header.first(headers, "transfer-encoding").map(v -> v.toLowerCase(Locale.ROOT).contains("chunked"))
                .orElse(false);
    }

    private static byte[] readChunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine(in);
            if (sizeLine == null) {
                throw new IOException("stream ended inside a chunked body");
            }
            int semi = sizeLine.indexOf(';');
            int size = Integer.parseInt((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).trim(), 16);
            if (size == 0) {
                readHeaders(in);
                return body.toByteArray();
            }
            if (body.size() + size > MAX_BODY) {
                throw new IOException("body larger than " + MAX_BODY + " bytes");
            }
            body.writeBytes(readExactly(in, size));
            readLine(in);
        }
    }

    private static byte[] readExactly(InputStream in, int n) throws IOException {
        if (n > MAX_BODY) {
            throw new IOException("body larger than " + MAX_BODY + " bytes");
        }
        byte[] b = in.readNBytes(n);
        if (b.length < n) {
            throw new IOException("stream ended after " + b.length + " of " + n + " body bytes");
        }
        return b;
    }

    private static byte[] readLimited(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int n;
        while ((n = in.read(buf)) > 0) {
            if (body.size() + n > MAX_BODY) {
                throw new IOException("body larger than " + MAX_BODY + " bytes");
            }
            body.write(buf, 0, n);
        }
        return body.toByteArray();
    }
}
