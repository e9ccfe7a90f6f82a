package dev.sluice.lint;

import dev.sluice.grammar.ast.Directive;
import dev.sluice.grammar.ast.Section;
import dev.sluice.grammar.ast.SourceSpan;
import dev.sluice.grammar.ast.Word;

/** Where a rule reports what it finds. The linter fills in the rule's id and severity. */
public interface Findings {

    void report(SourceSpan at, String message, Fix fix);

    default void report(SourceSpan at, String message) {
        report(at, message, null);
    }

    default void report(Directive at, String message) {
        report(at.span(), message, null);
    }

    default void report(Section at, String message) {
        report(at.span(), message, null);
    }

    default void report(Word at, String message) {
        report(at.span(), message, null);
    }
}
