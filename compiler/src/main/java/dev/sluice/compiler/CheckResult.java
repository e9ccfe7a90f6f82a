package dev.sluice.compiler;

import dev.sluice.grammar.ast.Config;
import dev.sluice.grammar.diag.Diagnostic;
import dev.sluice.grammar.diag.Severity;
import java.util.List;

/**
 * The outcome of {@code sluice -c}: every diagnostic in the order HAProxy prints them, the
 * closing lines HAProxy prints, and the verdict.
 *
 * @param config the parsed configuration
 * @param diagnostics errors, warnings and notices, closing alerts included
 * @param verdict valid, valid with nothing to listen on, or invalid
 */
public record CheckResult(Config config, List<Diagnostic> diagnostics, Verdict verdict) {

    /** What {@code haproxy -c} concludes, with its exit code. */
    public enum Verdict {
        VALID(0),
        NO_LISTENER(2),
        INVALID(1);

        private final int exitCode;

        Verdict(int exitCode) {
            this.exitCode = exitCode;
        }

        public int exitCode() {
            return exitCode;
        }
    }

    public CheckResult {
        diagnostics = List.copyOf(diagnostics);
    }

    public boolean hasWarnings() {
        return diagnostics.stream().anyMatch(d -> d.severity() == Severity.WARNING);
    }
}
