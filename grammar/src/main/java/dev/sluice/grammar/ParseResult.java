package dev.sluice.grammar;

import dev.sluice.grammar.ast.Config;
import dev.sluice.grammar.diag.Diagnostic;
import java.util.List;

/**
 * What parsing produced: the AST of every line that could be read, and every diagnostic, in the
 * order HAProxy would print them. Parsing goes on after a bad line, so one run reports them all.
 *
 * @param files the names of the files read, in order, directories replaced by their files; a
 *     file that could not be opened is among them, with no {@link Config#files()} entry
 */
public record ParseResult(Config config, List<Diagnostic> diagnostics, List<String> files) {

    public ParseResult {
        diagnostics = List.copyOf(diagnostics);
        files = List.copyOf(files);
    }

    /** True when a diagnostic is an error: HAProxy would refuse to start. */
    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }
}
