package dev.sluice.runtime;

import dev.sluice.compiler.plan.ErrorPage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A proxy's replacements for the responses the proxy produces itself, read when the plan is
 * prepared: {@code errorfile} (a complete HTTP response, sent byte for byte), {@code errorloc302}
 * and {@code errorloc303} (a redirect), and {@code http-error} lines with a {@code string} or a
 * {@code file} body.
 */
public final class ErrorPages {

    public static final ErrorPages NONE = new ErrorPages(Map.of());

    private final Map<Integer, byte[]> pages;

    private ErrorPages(Map<Integer, byte[]> pages) {
        this.pages = Map.copyOf(pages);
    }

    /** The raw response for {@code status}, if the proxy replaces it. */
    public Optional<byte[]> page(int status) {
        return Optional.ofNullable(pages.get(status));
    }

    static ErrorPages of(String proxy, List<ErrorPage> list, Path base) throws RuntimeSetupException {
        if (list.isEmpty()) {
            return NONE;
        }
        Map<Integer, byte[]> pages = new HashMap<>();
        for (ErrorPage p : list) {
            switch (p.kind()) {
                case "file" -> pages.put(p.status(), read(proxy, base, p.args().get(0)));
                case "errorloc302", "errorloc303" -> {
                    int code = p.kind().equals("errorloc302") ? 302 : 303;
                    String reason = code == 302 ? "Found" : "See Other";
                    pages.put(p.status(), ("HTTP/1.1 " + code + " " + reason + "\r\nContent-length: 0\r\nLocation: "
                            + p.args().get(0) + "\r\nCache-Control: no-cache\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.ISO_8859_1));
                }
                case "http-error" -> httpError(proxy, base, p).ifPresent(bytes -> pages.put(p.status(), bytes));
                default -> { }
            }
        }
        return new ErrorPages(pages);
    }

    private static Optional<byte[]> httpError(String proxy, Path base, ErrorPage p) throws RuntimeSetupException {
        List<String> a = p.args();
        String type = null;
        byte[] body = null;
        for (int i = 0; i + 1 < a.size(); i++) {
            switch (a.get(i)) {
                case "content-type" -> type = a.get(++i);
                case "string", "lf-string" -> body = a.get(++i).getBytes(StandardCharsets.ISO_8859_1);
                case "file", "lf-file" -> body = read(proxy, base, a.get(++i));
                case "errorfile" -> {
                    return Optional.of(read(proxy, base, a.get(++i)));
                }
                default -> { }
            }
        }
        if (body == null) {
            return Optional.empty();
        }
        String reason = io.netty.handler.codec.http.HttpResponseStatus.valueOf(p.status()).reasonPhrase();
        String head = "HTTP/1.1 " + p.status() + " " + reason + "\r\ncontent-length: " + body.length + "\r\n"
                + (type != null ? "content-type: " + type + "\r\n" : "") + "cache-control: no-cache\r\n"
                + "connection: close\r\n\r\n";
        byte[] h = head.getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[h.length + body.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(body, 0, all, h.length, body.length);
        return Optional.of(all);
    }

    private static byte[] read(String proxy, Path base, String file) throws RuntimeSetupException {
        try {
            return Files.readAllBytes(base.resolve(file));
        } catch (IOException e) {
            throw new RuntimeSetupException("proxy '" + proxy + "': cannot read error page " + file + ": "
                    + e.getMessage());
        }
    }
}
