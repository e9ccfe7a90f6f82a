package dev.sluice.cli;

import dev.sluice.compiler.CheckOptions;
import dev.sluice.compiler.check.KeywordOracle;
import dev.sluice.grammar.ParseOptions;
import dev.sluice.grammar.diag.HaproxyFormat;
import dev.sluice.grammar.diag.Severity;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * {@code sluice -c -f FILE...}: HAProxy's command line ({@link HaproxyArgs}), run without picocli.
 * The keyword catalog loads on a second thread while the files are read.
 */
final class HaproxyMode {

    private HaproxyMode() {}

    static int run(String[] args, PrintWriter out, PrintWriter err) {
        HaproxyArgs a;
        try {
            a = HaproxyArgs.parse(args);
        } catch (HaproxyArgs.UsageException e) {
            err.println("sluice: " + e.getMessage());
            err.println("Try 'sluice --help' for more information.");
            err.flush();
            return ExitCodes.USAGE;
        }
        if (a.version) {
            for (String line : new VersionProvider().getVersion()) {
                out.println(line);
            }
            out.flush();
            return ExitCodes.OK;
        }
        if (!a.check) {
            if (a.files.isEmpty()) {
                err.println("sluice: nothing to do: run a configuration with sluice -f FILE, check it with "
                        + "sluice -c -f FILE (see sluice --help)");
                err.flush();
                return ExitCodes.USAGE;
            }
            return Runner.run(new Runner.Options(a.files, null, a.pidFile == null ? null : Path.of(a.pidFile),
                    a.targetVersion, 0), out, err);
        }
        if (a.files.isEmpty()) {
            err.println("sluice: -c needs at least one -f FILE");
            err.flush();
            return ExitCodes.USAGE;
        }
        Path workDir = Path.of("").toAbsolutePath();
        if (a.directory != null) {
            workDir = workDir.resolve(a.directory).normalize();
            if (!Files.isDirectory(workDir)) {
                err.print(HaproxyFormat.format(Severity.ALERT, ProcessHandle.current().pid(),
                        "Could not change to directory " + a.directory + " : No such file or directory"));
                err.flush();
                return ExitCodes.FAILURE;
            }
        }
        Supplier<KeywordOracle> keywords = Keywords.inBackground(a.targetVersion);
        CheckOptions options = CheckOptions.of(ParseOptions.defaults().withVersion(a.targetVersion).withLocalPeer(a.localPeer))
                .withOffline(a.offline)
                .withRelaxedDns(a.relaxedDns)
                .withWorkDir(workDir);
        try {
            return CheckMode.run(a.files, options, keywords, a.quiet && !a.verbose, a.zeroWarning,
                    a.diagnosticMode, out, err);
        } catch (RuntimeException | Error e) {
            if (a.stacktrace) {
                e.printStackTrace(err);
            } else {
                err.println("sluice: internal error: " + e + " (rerun with --stacktrace to see where)");
            }
            err.flush();
            return ExitCodes.INTERNAL;
        }
    }
}
