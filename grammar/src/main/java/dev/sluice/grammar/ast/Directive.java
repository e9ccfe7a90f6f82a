package dev.sluice.grammar.ast;

import java.util.List;
import java.util.Objects;

/**
 * One configuration line inside a section, e.g. {@code server web1 10.0.1.10:8080 check}.
 *
 * @param words the line's words, at least one; the first is the keyword (or a {@code no} /
 *     {@code default} modifier, which the compiler interprets)
 * @param span where the line's first word starts
 */
public record Directive(List<Word> words, SourceSpan span) implements Node {

    public Directive {
        words = List.copyOf(words);
        Objects.requireNonNull(span, "span");
        if (words.isEmpty()) {
            throw new IllegalArgumentException("a directive has at least one word");
        }
    }

    /** The first word's value. */
    public String keyword() {
        return words.get(0).value();
    }

    /** The words after the keyword. */
    public List<Word> args() {
        return words.subList(1, words.size());
    }

    /** The value of argument {@code i} (1 is the first after the keyword), or "" past the end. */
    public String arg(int i) {
        return i < words.size() ? words.get(i).value() : "";
    }

    @Override
    public <R> R accept(NodeVisitor<R> visitor) {
        return visitor.visitDirective(this);
    }
}
