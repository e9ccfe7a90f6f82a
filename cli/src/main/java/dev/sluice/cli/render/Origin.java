package dev.sluice.cli.render;

import java.util.Objects;

/**
 * The template line a rendered line came from.
 *
 * @param file the template file, named as the user named it (an include beside it by its path)
 * @param line its 1-based line
 */
public record Origin(String file, int line) {

    public Origin {
        Objects.requireNonNull(file, "file");
        if (line < 1) {
            throw new IllegalArgumentException("line is 1-based: " + line);
        }
    }

    @Override
    public String toString() {
        return file + ":" + line;
    }
}
