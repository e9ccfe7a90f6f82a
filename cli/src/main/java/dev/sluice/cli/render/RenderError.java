package dev.sluice.cli.render;

import java.util.Objects;

/**
 * What went wrong while rendering, at a template line.
 *
 * @param file the template file, as the user named it, or an include by its path beside it
 * @param line the 1-based line in that file, 0 when not known
 * @param message what went wrong, one line
 * @param warning true for a warning, which does not stop the rendering
 */
public record RenderError(String file, int line, String message, boolean warning) {

    public RenderError {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(message, "message");
        if (line < 0) {
            throw new IllegalArgumentException("line is 1-based, or 0 for none: " + line);
        }
    }

    /** {@code file:line: error: message}, as a user sees it. */
    @Override
    public String toString() {
        return file + (line > 0 ? ":" + line : "") + ": " + (warning ? "warning" : "error") + ": " + message;
    }
}
