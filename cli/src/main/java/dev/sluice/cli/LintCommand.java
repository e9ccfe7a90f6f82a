package dev.sluice.cli;

import dev.sluice.grammar.ConfigLoader;
import dev.sluice.grammar.HaproxyVersion;
import dev.sluice.grammar.ParseOptions;
import dev.sluice.grammar.ParseResult;
import dev.sluice.grammar.diag.Diagnostic;
import dev.sluice.lint.BuiltInRules;
import dev.sluice.lint.Finding;
import dev.sluice.lint.Fixer;
import dev.sluice.lint.LintConfig;
import dev.sluice.lint.Linter;
import dev.sluice.lint.MetaRules;
import dev.sluice.lint.Rule;
import dev.sluice.lint.RuleDocs;
import dev.sluice.lint.RuleMeta;
import dev.sluice.lint.report.GithubReport;
import dev.sluice.lint.report.JsonReport;
import dev.sluice.lint.report.ReportFormat;
import dev.sluice.lint.report.SarifReport;
import dev.sluice.lint.report.TextReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sluice lint}: best-practice rules over configurations, reported as text, JSON, SARIF or
 * GitHub workflow commands. Exit 0 when no finding reaches {@code --fail-on}, 1 when one does, 2
 * on a usage error, an unreadable input or a configuration that does not parse.
 */
@Command(name = "lint", mixinStandardHelpOptions = true,
        description = {"Check configurations against best-practice rules.",
            "Files given together form one configuration, as with haproxy -f; --each lints each file alone."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:no finding reaches --fail-on",
            "1:a finding reaches --fail-on",
            "2:usage error, unreadable input, or a configuration that does not parse"
        })
final class LintCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "0..*", description = "Configuration files or directories.")
    List<String> files = new ArrayList<>();

    @Option(names = "-f", paramLabel = "FILE", description = "A configuration file or directory (repeatable).")
    List<String> dashF = new ArrayList<>();

    @Option(names = "--format", paramLabel = "FORMAT", description = "text (default), json, sarif or github.")
    ReportFormat format = ReportFormat.TEXT;

    @Option(names = "--fail-on", paramLabel = "SEVERITY",
            description = "Exit 1 when a finding is at least this grave: error (default), warning or info.")
    String failOn;

    @Option(names = "--target-version", paramLabel = "VERSION", converter = TargetVersionConverter.class,
            description = "HAProxy version to follow (default: the lint configuration's, else "
                    + "the newest Sluice knows).")
    HaproxyVersion targetVersion;

    @Option(names = "--config", paramLabel = "FILE",
            description = "The lint configuration (default: .sluice-lint.yaml here or in a parent directory).")
    Path configFile;

    @Option(names = "--no-config", description = "Use no lint configuration file.")
    boolean noConfig;

    @Option(names = "--each", description = "Lint each file as a configuration of its own.")
    boolean each;

    @Option(names = "--fix", description = "Apply the safe, mechanical fixes in place and print what changed.")
    boolean fix;

    @Option(names = "--color", paramLabel = "WHEN", description = "auto (default), always or never.")
    String color = "auto";

    @Option(names = "--list-rules", description = "List the rules: id, severity, family, summary.")
    boolean listRules;

    @Option(names = "--explain", paramLabel = "RULE-ID", description = "Print a rule's documentation.")
    String explain;

    private PrintWriter out;
    private PrintWriter err;

    @Override
    public Integer call() {
        out = spec.commandLine().getOut();
        err = spec.commandLine().getErr();
        try {
            return run();
        } finally {
            out.flush();
            err.flush();
        }
    }

    private int run() {
        if (listRules) {
            for (RuleMeta m : BuiltInRules.metas()) {
                out.printf("%-34s %-8s %-12s %s%n", m.id(), m.severity().id(), m.family().id(), m.summary());
            }
            return ExitCodes.OK;
        }
        if (explain != null) {
            Optional<String> page = RuleDocs.markdown(explain);
            if (page.isEmpty()) {
                List<String> ids = BuiltInRules.metas().stream().map(RuleMeta::id).toList();
                err.println("sluice lint: no rule '" + explain + "'" + MetaRules.didYouMean(explain, ids)
                        + "; see sluice lint --list-rules");
                return ExitCodes.USAGE;
            }
            out.print(page.get());
            return ExitCodes.OK;
        }
        LintSettings settings;
        try {
            settings = LintSettings.resolve(configFile, noConfig, failOn, targetVersion);
        } catch (LintSettings.Invalid e) {
            err.println("sluice lint: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        LintConfig config = settings.config();
        HaproxyVersion target = settings.target();
        List<String> all = new ArrayList<>(dashF);
        all.addAll(files);
        if (all.isEmpty()) {
            err.println("sluice lint: no configuration file given");
            err.println("Try 'sluice lint --help' for more information.");
            return ExitCodes.USAGE;
        }
        Linter linter = Linter.builtIn(config);
        List<List<String>> runs = each ? all.stream().map(List::of).toList() : List.of(all);
        List<Finding> findings = new ArrayList<>();
        boolean unusable = false;
        for (List<String> paths : runs) {
            ParseResult parsed = ConfigLoader.load(paths, ParseOptions.defaults().withVersion(target));
            List<Diagnostic> unreadable = parsed.diagnostics().stream().filter(Diagnostics::unreadable).toList();
            if (!unreadable.isEmpty()) {
                Diagnostics.print(err, unreadable);
                unusable = true;
                continue;
            }
            Linter.Result result = linter.lint(parsed, Linter.catalog(target), LintCommand::source);
            if (fix) {
                result = applyFixes(linter, result, paths, target);
            }
            unusable |= result.hasParseErrors();
            findings.addAll(result.findings());
        }
        report(findings, config);
        if (unusable) {
            return ExitCodes.USAGE;
        }
        return settings.fails(findings) ? ExitCodes.FAILURE : ExitCodes.OK;
    }

    /** Applies the fixes of {@code result}, writes the files, says what changed, and lints again. */
    private Linter.Result applyFixes(Linter linter, Linter.Result result, List<String> paths, HaproxyVersion target) {
        List<Fixer.FileFix> fixes = Fixer.apply(result.findings(), LintCommand::source);
        if (fixes.isEmpty()) {
            return result;
        }
        for (Fixer.FileFix f : fixes) {
            try {
                AtomicFiles.replace(Path.of(f.file()), f.text().getBytes(StandardCharsets.ISO_8859_1));
            } catch (IOException e) {
                err.println("sluice lint: cannot write " + f.file() + ": " + e.getMessage());
                continue;
            }
            for (Finding applied : f.applied()) {
                err.println("fixed " + applied.span().file() + ":" + applied.span().line() + ": "
                        + applied.fix().get().description() + " [" + applied.rule() + "]");
            }
        }
        ParseResult again = ConfigLoader.load(paths, ParseOptions.defaults().withVersion(target));
        return linter.lint(again, Linter.catalog(target), LintCommand::source);
    }

    private void report(List<Finding> findings, LintConfig config) {
        switch (format) {
            case TEXT -> {
                boolean colour = color.equals("always") || (color.equals("auto") && System.console() != null
                        && !"dumb".equals(System.getenv("TERM")) && System.getenv("NO_COLOR") == null);
                out.print(TextReport.render(findings, colour));
                out.flush();
                if (!findings.isEmpty()) {
                    err.println("sluice lint: " + TextReport.summary(findings));
                }
            }
            case JSON -> out.print(JsonReport.render(findings));
            case SARIF -> out.print(SarifReport.render(findings, ruleMetas(config), VersionProvider.version(),
                    Path.of("")));
            case GITHUB -> out.print(GithubReport.render(findings));
        }
    }

    /** The rules that ran, with their configured severity, and the linter's own findings. */
    private static List<RuleMeta> ruleMetas(LintConfig config) {
        List<RuleMeta> metas = new ArrayList<>();
        for (Rule r : BuiltInRules.ALL) {
            config.severityOf(r.meta()).ifPresent(s -> metas.add(
                    new RuleMeta(r.meta().id(), s, r.meta().family(), r.meta().summary())));
        }
        metas.addAll(MetaRules.ALL);
        return metas;
    }

    private static String source(String file) {
        try {
            return ConfigLoader.read(Path.of(file));
        } catch (IOException e) {
            return null;
        } catch (UncheckedIOException e) {
            return null;
        }
    }

}
