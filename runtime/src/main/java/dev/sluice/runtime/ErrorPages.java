package dev.sluice.runtime;

import dev.sluice.compiler.plan.ErrorPage;
import dev.sluice.compiler.plan.HttpErrors;
import dev.sluice.runtime.l7.Reply;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A proxy's replacements for the responses the proxy produces itself (or an {@code http-errors}
 * section's pages), read when the plan is prepared: {@code errorfile} (a complete HTTP response),
 * {@code errorloc302} and {@code errorloc303} (a redirect), and {@code http-error} lines with a
 * {@code string} or a {@code file} body, or an {@code errorfile}.
 */
public final class ErrorPages {

    public static final ErrorPages NONE = new ErrorPages(Map.of());

    private final Map<Integer, Reply> pages;

    private ErrorPages(Map<Integer, Reply> pages) {
        this.pages = Map.copyOf(pages);
    }

    /** The response for {@code status}, if the proxy replaces it. */
    public Optional<Reply> page(int status) {
        return Optional.ofNullable(pages.get(status));
    }

    /**
     * Where the pages of one plan come from: files relative to a base directory, each read once
     * however many proxies use it (an {@code errorfile} of a {@code defaults} section is every
     * proxy's), and the {@code http-errors} sections by name. A view {@link #inProxy} names the
     * proxy in messages.
     */
    public static final class Sources {

        private final Path base;
        private final Map<String, byte[]> files;
        private final Map<String, ErrorPages> sections;
        private final String owner;

        private Sources(Path base, Map<String, byte[]> files, Map<String, ErrorPages> sections, String owner) {
            this.base = base;
            this.files = files;
            this.sections = sections;
            this.owner = owner;
        }

        /** The sources of a plan with the {@code http-errors} sections {@code list}, files read from {@code base}. */
        static Sources of(List<HttpErrors> list, Path base) throws RuntimeSetupException {
            Sources all = new Sources(base, new HashMap<>(), new HashMap<>(), "");
            for (HttpErrors h : list) {
                all.sections.put(h.name(), all.in("http-errors '" + h.name() + "'").pages(h.errorPages()));
            }
            return all;
        }

        /** The same sources, for proxy {@code name}. */
        Sources inProxy(String name) {
            return in("proxy '" + name + "'");
        }

        private Sources in(String who) {
            return new Sources(base, files, sections, who);
        }

        /** The pages of {@code list}. */
        ErrorPages pages(List<ErrorPage> list) throws RuntimeSetupException {
            if (list.isEmpty()) {
                return NONE;
            }
            Map<Integer, Reply> pages = new HashMap<>();
            for (ErrorPage p : list) {
                switch (p.kind()) {
                    case "file" -> pages.put(p.status(), errorfile(p.args().get(0), p.status()));
                    case "errorloc302", "errorloc303" -> pages.put(p.status(), Reply.of(
                            p.kind().equals("errorloc302") ? 302 : 303,
                            List.of(Map.entry("cache-control", "no-cache"), Map.entry("location", p.args().get(0))),
                            new byte[0]));
                    case "http-error" -> {
                        Reply r = httpError(p);
                        if (r != null) {
                            pages.put(p.status(), r);
                        }
                    }
                    default -> { }
                }
            }
            return new ErrorPages(pages);
        }

        /** An {@code http-error status N} line: null when it gives no content. */
        private Reply httpError(ErrorPage p) throws RuntimeSetupException {
            List<String> a = p.args();
            List<Map.Entry<String, String>> headers = new ArrayList<>();
            byte[] body = null;
            for (int i = 0; i + 1 < a.size(); i++) {
                switch (a.get(i)) {
                    case "content-type" -> headers.add(Map.entry("content-type", a.get(++i)));
                    case "string", "lf-string" -> body = a.get(++i).getBytes(StandardCharsets.ISO_8859_1);
                    case "file", "lf-file" -> body = read(a.get(++i));
                    case "errorfile" -> {
                        return errorfile(a.get(++i), p.status());
                    }
                    default -> { }
                }
            }
            return body == null ? null : Reply.of(p.status(), headers, body);
        }

        /**
         * The complete HTTP response in {@code file}, which stands for {@code status}.
         *
         * @throws RuntimeSetupException when it cannot be read, or is no HTTP response
         */
        public Reply errorfile(String file, int status) throws RuntimeSetupException {
            try {
                return Reply.parse(read(file), status);
            } catch (IllegalArgumentException e) {
                throw new RuntimeSetupException(owner + ": error page '" + file + "' is not an HTTP response: "
                        + e.getMessage());
            }
        }

        /** The bytes of {@code file} (never changed by the caller). */
        public byte[] read(String file) throws RuntimeSetupException {
            byte[] bytes = files.get(file);
            if (bytes == null) {
                try {
                    bytes = Files.readAllBytes(base.resolve(file));
                } catch (IOException e) {
                    throw new RuntimeSetupException(owner + ": cannot read '" + file + "': " + e.getMessage());
                }
                files.put(file, bytes);
            }
            return bytes;
        }

        /** The {@code http-errors} section {@code name}. */
        public ErrorPages section(String name) throws RuntimeSetupException {
            ErrorPages pages = sections.get(name);
            if (pages == null) {
                throw new RuntimeSetupException(owner + ": no http-errors section '" + name + "'");
            }
            return pages;
        }
    }
}
