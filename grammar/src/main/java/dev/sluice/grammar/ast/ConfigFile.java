package dev.sluice.grammar.ast;

import java.util.List;
import java.util.Objects;

/**
 * One parsed file. HAProxy starts every file outside of any section, so sections never span
 * files.
 *
 * @param path the file's name as given to Sluice (what messages print)
 * @param sections the sections in file order
 */
public record ConfigFile(String path, List<Section> sections) implements Node {

    public ConfigFile {
        Objects.requireNonNull(path, "path");
        sections = List.copyOf(sections);
    }

    @Override
    public <R> R accept(NodeVisitor<R> visitor) {
        return visitor.visitFile(this);
    }
}
