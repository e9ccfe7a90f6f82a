package dev.sluice.cli;

import dev.sluice.compiler.CheckOptions;
import dev.sluice.compiler.CheckResult;
import dev.sluice.compiler.Checker;
import dev.sluice.compiler.check.KeywordOracle;
import dev.sluice.grammar.diag.Diagnostic;
import dev.sluice.grammar.diag.HaproxyFormat;
import dev.sluice.grammar.diag.Severity;
import java.io.PrintWriter;
import java.util.List;
import java.util.function.Supplier;

/** {@code sluice -c -f FILE...}: the check, printed exactly as {@code haproxy -c} prints it. */
final class CheckMode {

    private CheckMode() {}

    static int run(List<String> files, CheckOptions options, Supplier<KeywordOracle> keywords, boolean quiet,
            boolean zeroWarning, boolean diagnosticMode, PrintWriter out, PrintWriter err) {
        CheckResult result = new Checker(options, keywords).check(files);
        long pid = ProcessHandle.current().pid();
        boolean warned = false;
        for (Diagnostic d : result.diagnostics()) {
            if (d.severity() == Severity.DIAG && !diagnosticMode) {
                continue;
            }
            warned |= d.severity() == Severity.WARNING;
            if (!quiet) {
                err.print(HaproxyFormat.format(d, pid));
            }
        }
        err.flush();
        int code = result.verdict().exitCode();
        if (result.verdict() != CheckResult.Verdict.INVALID && warned && zeroWarning) {
            if (!quiet) {
                err.print(HaproxyFormat.format(Severity.ALERT, pid,
                        "config : Some warnings were found and 'zero-warning' is set. Aborting."));
            }
            code = ExitCodes.FAILURE;
        } else if (!quiet && result.verdict() != CheckResult.Verdict.INVALID) {
            if (warned) {
                out.println("Warnings were found.");
            }
            out.println(result.verdict() == CheckResult.Verdict.VALID
                    ? "Configuration file is valid"
                    : "Configuration file has no error but will not start (no listener) => exit(2).");
        }
        out.flush();
        err.flush();
        return code;
    }
}
