package dev.sluice.grammar.expr;

import dev.sluice.grammar.ast.SourceSpan;
import dev.sluice.grammar.ast.Word;
import java.util.Objects;

/**
 * A term naming an ACL, e.g. {@code is_api} or {@code !bad_ip}. Whether the ACL is defined (or is
 * one of HAProxy's predefined ones) is for a semantic pass.
 *
 * @param name the ACL name, without the leading exclamation marks
 * @param negated true when an odd number of {@code !} precede it, glued or as separate words
 * @param word the word that holds the name, glued {@code !} included
 * @param span where the term's first word starts, a separate {@code !} included
 */
public record AclRef(String name, boolean negated, Word word, SourceSpan span) implements Term {

    public AclRef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(word, "word");
        Objects.requireNonNull(span, "span");
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visitAclRef(this);
    }
}
