package dev.sluice.grammar.ast;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A section: its header line ({@code backend web_servers}, {@code defaults tcp from base}) and
 * the directives that follow it up to the next section header or the end of the file.
 *
 * @param header the header line's words; the first is the section keyword
 * @param directives the lines of the section, in file order, after conditional blocks resolved
 * @param span where the header starts
 */
public record Section(List<Word> header, List<Directive> directives, SourceSpan span) implements Node {

    public Section {
        header = List.copyOf(header);
        directives = List.copyOf(directives);
        Objects.requireNonNull(span, "span");
        if (header.isEmpty()) {
            throw new IllegalArgumentException("a section header has at least one word");
        }
    }

    /** The section keyword: {@code global}, {@code frontend}, {@code peers}, ... */
    public String type() {
        return header.get(0).value();
    }

    /** The section's name, the header's second word, when it has one. */
    public Optional<String> name() {
        return header.size() > 1 && !header.get(1).value().isEmpty()
                ? Optional.of(header.get(1).value())
                : Optional.empty();
    }

    @Override
    public <R> R accept(NodeVisitor<R> visitor) {
        return visitor.visitSection(this);
    }
}
