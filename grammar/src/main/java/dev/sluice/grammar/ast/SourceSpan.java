package dev.sluice.grammar.ast;

import java.util.Objects;

/**
 * A position in a configuration file: the file as it was named to Sluice, a 1-based line and a
 * 1-based column counted in bytes of the line, as HAProxy counts its "position".
 */
public record SourceSpan(String file, int line, int column) {

    public SourceSpan {
        Objects.requireNonNull(file, "file");
        if (line < 1 || column < 1) {
            throw new IllegalArgumentException("line and column are 1-based: " + line + ":" + column);
        }
    }

    /** The span of a whole line, starting at its first column. */
    public static SourceSpan ofLine(String file, int line) {
        return new SourceSpan(file, line, 1);
    }

    /** {@code file:line}, as HAProxy prints it between brackets. */
    public String fileAndLine() {
        return file + ":" + line;
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
