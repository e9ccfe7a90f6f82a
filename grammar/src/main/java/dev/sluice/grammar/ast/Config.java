package dev.sluice.grammar.ast;

import java.util.List;
import java.util.stream.Stream;

/** A whole configuration: every file given, in the order given. */
public record Config(List<ConfigFile> files) implements Node {

    public Config {
        files = List.copyOf(files);
    }

    /** Every section of every file, in order. */
    public Stream<Section> sections() {
        return files.stream().flatMap(f -> f.sections().stream());
    }

    @Override
    public <R> R accept(NodeVisitor<R> visitor) {
        return visitor.visitConfig(this);
    }
}
