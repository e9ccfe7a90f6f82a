package dev.sluice.runtime;

import dev.sluice.grammar.diag.HaproxyFormat;
import dev.sluice.grammar.diag.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What one reload did.
 *
 * @param number the reload's number, from 1 in the order reloads ran
 * @param outcome whether the new plan is in force
 * @param started when the reload began (before the configuration was read)
 * @param took from then until the new plan was in force, or until the reload was rejected
 * @param message one line: what changed, or why the reload was rejected
 * @param diagnostics what reading the configuration reported (errors and warnings), as lines
 *     ready for the log
 */
public record ReloadResult(long number, Outcome outcome, Instant started, Duration took, String message,
        List<String> diagnostics) {

    /** Whether the new plan went into force. */
    public enum Outcome {
        /** The new plan is in force. */
        DONE,
        /** Nothing changed: the plan in force before the reload still is. */
        REJECTED
    }

    public ReloadResult {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(took, "took");
        Objects.requireNonNull(message, "message");
        diagnostics = List.copyOf(diagnostics);
    }

    public boolean done() {
        return outcome == Outcome.DONE;
    }

    /**
     * The lines the log gets, HAProxy's layout for process {@code pid}, each ended by a newline:
     * the diagnostics, then {@code reload N: done in X ms (...)} or
     * {@code reload N rejected: why; the configuration in force is unchanged}.
     */
    public List<String> log(long pid) {
        List<String> lines = new java.util.ArrayList<>(diagnostics);
        if (done()) {
            lines.add(HaproxyFormat.format(Severity.NOTICE, pid, "sluice : reload " + number + ": done in "
                    + took.toMillis() + " ms (" + message + ")"));
        } else {
            lines.add(HaproxyFormat.format(Severity.ALERT, pid, "sluice : reload " + number + " rejected: "
                    + message + "; the configuration in force is unchanged"));
        }
        return lines;
    }
}
