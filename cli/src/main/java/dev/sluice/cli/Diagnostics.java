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

    /** True for the loader's message about a file or directory it cannot read. */
    static boolean unreadable(Diagnostic d) {
        return d.message().startsWith("Could not open configuration file")
                || d.message().startsWith("Cannot open configuration directory");
    }
}
