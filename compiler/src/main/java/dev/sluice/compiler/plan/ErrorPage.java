package dev.sluice.compiler.plan;

import java.util.List;
import java.util.Objects;

/**
 * What a proxy answers instead of HAProxy's own page for one status. {@code errorloc} is
 * {@code errorloc302}; {@code errorfiles} is replaced by the {@code errorfile} lines of the
 * {@code http-errors} section it names.
 *
 * @param status the HTTP status
 * @param kind {@code file}, {@code errorloc302}, {@code errorloc303} or {@code http-error}
 * @param args the file, the URL, or the words of the {@code http-error} line after the status
 */
public record ErrorPage(int status, String kind, List<String> args) {

    public ErrorPage {
        Objects.requireNonNull(kind, "kind");
        args = List.copyOf(args);
    }
}
