package dev.sluice.cli.render;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A rendered configuration as the steps after rendering (the check, and any other that reads the
 * result) see it: the name it goes by in messages, its text as HAProxy reads the file (one
 * character per byte, see {@code ConfigLoader}), and where each of its lines came from.
 *
 * @param name the name of the rendered file in messages: the output file, else the template's
 * @param text the rendered text, one character per byte of its UTF-8 encoding
 * @param lineMap the template line behind each rendered line
 */
public record RenderedConfig(String name, String text, LineMap lineMap) {

    public RenderedConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(lineMap, "lineMap");
    }

    /** {@code rendering}'s text, named {@code name}. */
    public static RenderedConfig of(String name, Rendering rendering) {
        return new RenderedConfig(name, asBytes(rendering.text()), rendering.lineMap());
    }

    /** The bytes to write to a file. */
    public byte[] bytes() {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The text of the 1-based rendered {@code line}, without its line break; empty when out of range. */
    public Optional<String> line(int line) {
        List<String> lines = text.lines().toList();
        return line >= 1 && line <= lines.size() ? Optional.of(lines.get(line - 1)) : Optional.empty();
    }

    /** {@code s} as one character per byte of its UTF-8 encoding, as Sluice reads and prints configurations. */
    public static String asBytes(String s) {
        return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }
}
