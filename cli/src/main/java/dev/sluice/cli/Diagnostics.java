package dev.sluice.cli;

import dev.sluice.grammar.diag.Diagnostic;
import dev.sluice.grammar.diag.HaproxyFormat;
import java.io.PrintWriter;
import java.util.List;

/** Prints diagnostics on the error stream, in HAProxy's layout. */
final class Diagnostics {

    private Diagnostics() {}

    static void print(PrintWriter err, List<Diagnostic> diagnostics) {
        long pid = ProcessHandle.current().pid();
        for (Diagnostic d : diagnostics) {
            err.print(HaproxyFormat.format(d, pid));
        }
        err.flush();
    }
}
