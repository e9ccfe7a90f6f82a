package dev.sluice.compiler;

import dev.sluice.compiler.check.KeywordOracle;
import dev.sluice.compiler.check.KeywordPass;
import dev.sluice.compiler.check.Report;
import dev.sluice.compiler.check.ValidityPass;
import dev.sluice.grammar.ConfigLoader;
import dev.sluice.grammar.ParseResult;
import dev.sluice.grammar.ast.ConfigFile;
import dev.sluice.grammar.diag.Diagnostic;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code sluice -c}: checks a configuration as {@code haproxy -c} does. Files are read in order
 * (the reader's messages and the keyword parsers' interleaved by line); an abort stops at once;
 * a fatal error stops after the last file; otherwise the final validity checks run.
 */
public final class Checker {

    private final CheckOptions options;
    private final Supplier<? extends KeywordOracle> keywords;

    public Checker(CheckOptions options, KeywordOracle keywords) {
        this(options, () -> keywords);
    }

    /**
     * A checker that asks for its keywords only once the files are read, so that a caller can load
     * them meanwhile on another thread.
     */
    public Checker(CheckOptions options, Supplier<? extends KeywordOracle> keywords) {
        this.options = options;
        this.keywords = keywords;
    }

    public CheckResult check(List<String> paths) {
        return check(ConfigLoader.load(paths, options.workDir(), options.parse()));
    }

    /**
     * Checks what the reader already read, e.g. {@link ConfigLoader#parse} of a text that is in
     * no file (a rendered template); relative file names in it still start at the work directory.
     */
    public CheckResult check(ParseResult parsed) {
        Report report = new Report();
        KeywordPass pass = new KeywordPass(options, keywords.get(), report);
        List<String> names = parsed.files();
        int fileIndex = 0;
        for (String name : names) {
            List<Diagnostic> readerDiagnostics = new ArrayList<>();
            for (Diagnostic d : parsed.diagnostics()) {
                if (d.span().file().equals(name)) {
                    readerDiagnostics.add(d);
                }
            }
            if (readerDiagnostics.stream().anyMatch(d -> d.message().startsWith("Could not open configuration file"))) {
                report.addAll(readerDiagnostics);
                return result(parsed, report, CheckResult.Verdict.INVALID);
            }
            ConfigFile file = fileIndex < parsed.config().files().size()
                    ? parsed.config().files().get(fileIndex) : new ConfigFile(name, List.of());
            fileIndex++;
            boolean fatalBefore = report.fatal();
            report.fatalReset();
            boolean completed = pass.read(file, readerDiagnostics);
            boolean fileFatal = report.fatal();
            if (fileFatal || !completed) {
                report.closing("Error(s) found in configuration file : " + name);
            }
            report.fatalRestore(fatalBefore || fileFatal);
            if (!completed) {
                return result(parsed, report, CheckResult.Verdict.INVALID);
            }
        }
        if (report.fatal()) {
            report.closing("Fatal errors found in configuration.");
            return result(parsed, report, CheckResult.Verdict.INVALID);
        }
        ValidityPass validity = new ValidityPass(report, options);
        validity.run(pass);
        if (report.fatal()) {
            if (!validity.addressesFailed()) {
                report.closing("Fatal errors found in configuration.");
            }
            return result(parsed, report, CheckResult.Verdict.INVALID);
        }
        return result(parsed, report, pass.hasListeners() ? CheckResult.Verdict.VALID : CheckResult.Verdict.NO_LISTENER);
    }

    private static CheckResult result(ParseResult parsed, Report report, CheckResult.Verdict verdict) {
        return new CheckResult(parsed.config(), report.diagnostics(), verdict);
    }
}
