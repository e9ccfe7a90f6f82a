package dev.sluice.lint;

import java.util.List;
import java.util.Objects;

/**
 * A safe, mechanical change that resolves a finding: text replacements in the configuration
 * file, each on one line. {@code sluice lint --fix} applies them.
 *
 * @param description what the fix does, for the user ({@code 'contimeout' -> 'timeout connect'})
 * @param edits the replacements, all in one file
 */
public record Fix(String description, List<Edit> edits) {

    public Fix {
        Objects.requireNonNull(description, "description");
        edits = List.copyOf(edits);
        if (edits.isEmpty()) {
            throw new IllegalArgumentException("a fix has at least one edit");
        }
    }

    /** Replaces {@code length} characters at {@code line:column} (1-based) of {@code file}. */
    public record Edit(String file, int line, int column, int length, String replacement) {

        public Edit {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(replacement, "replacement");
            if (line < 1 || column < 1 || length < 0) {
                throw new IllegalArgumentException("bad edit position " + line + ":" + column + "+" + length);
            }
        }
    }
}
