package dev.sluice.cli;

import dev.sluice.cli.render.Origin;
import dev.sluice.cli.render.RenderError;
import dev.sluice.cli.render.RenderedConfig;
import dev.sluice.cli.render.Renderer;
import dev.sluice.cli.render.Rendering;
import dev.sluice.cli.render.Values;
import dev.sluice.cli.render.ValuesException;
import dev.sluice.compiler.CheckOptions;
import dev.sluice.compiler.CheckResult;
import dev.sluice.compiler.Checker;
import dev.sluice.compiler.Compiler;
import dev.sluice.compiler.check.KeywordOracle;
import dev.sluice.compiler.diff.DiffJson;
import dev.sluice.compiler.diff.DiffText;
import dev.sluice.compiler.diff.PlanDiff;
import dev.sluice.compiler.plan.CompileException;
import dev.sluice.compiler.plan.Plan;
import dev.sluice.grammar.ConfigLoader;
import dev.sluice.grammar.ParseOptions;
import dev.sluice.grammar.ParseResult;
import dev.sluice.grammar.diag.Diagnostic;
import dev.sluice.grammar.diag.Severity;
import dev.sluice.lint.Finding;
import dev.sluice.lint.Linter;
import dev.sluice.lint.report.TextReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sluice render}: renders a Jinja template with values files and {@code --set}s, checks
 * the result as {@code sluice check} does (by default when writing a file) and lints it as
 * {@code sluice lint} does (with {@code --lint}), and prints it or replaces the output file
 * atomically; nothing is written when rendering, checking or linting fails. With {@code
 * --diff-against}, it then says what the result changes, as {@code sluice diff} does.
 *
 * <p>The steps after rendering take a {@link RenderedConfig} and report a {@link Diagnostic} or a
 * lint {@link Finding} at a rendered line through {@link #located}, which names the template line
 * behind it.
 */
@Command(name = "render", mixinStandardHelpOptions = true,
        description = {"Render a Jinja template into a configuration, and check it before handing it over.",
            "Values files are merged in order (later wins, maps merged deeply), then --set.",
            "Strict: an undefined value is an error naming the template line, unless --lenient.",
            "--lint and --diff-against run 'sluice lint' and 'sluice diff' on the result."})
final class RenderCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ParserOptions parser;

    @Parameters(index = "0", paramLabel = "TEMPLATE", description = "The template (Jinja, as Ansible's template module renders it).")
    Path template;

    @Option(names = {"-v", "--values"}, paramLabel = "FILE",
            description = "A YAML or JSON values file (repeatable; later files win).")
    List<Path> valuesFiles = new ArrayList<>();

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Set a value after the files: dotted KEY, typed VALUE (true, 42, 1.5, null, [a, b], 'text').")
    List<String> sets = new ArrayList<>();

    @Option(names = {"-o", "--output"}, paramLabel = "OUT",
            description = "Write to this file (replaced atomically, only if all went well) instead of standard output.")
    Path output;

    @Option(names = "--check", negatable = true,
            description = "Check the rendered configuration as 'sluice check' does (default: on with -o, off otherwise).")
    Boolean check;

    @Option(names = "--offline", description = "With --check: checks that depend on this machine become notices.")
    boolean offline;

    @Option(names = "--lenient", description = "Undefined values render as nothing instead of being errors.")
    boolean lenient;

    @Option(names = "--lint", description = "Lint the rendered configuration as 'sluice lint' does; a finding that reaches --fail-on fails.")
    boolean lint;

    @Option(names = "--lint-config", paramLabel = "FILE",
            description = "With --lint: the lint configuration (default: .sluice-lint.yaml here or in a parent directory).")
    Path lintConfig;

    @Option(names = "--no-lint-config", description = "With --lint: use no lint configuration file.")
    boolean noLintConfig;

    @Option(names = "--fail-on", paramLabel = "SEVERITY",
            description = "With --lint: fail when a finding is at least this grave: error (default), warning or info.")
    String failOn;

    @Option(names = "--diff-against", paramLabel = "CURRENT",
            description = {"Compare the result with CURRENT as 'sluice diff' does: a file, a directory or a plan.json",
                "(repeatable: files read in order). The diff goes to standard output with -o, else to standard error."})
    List<String> diffAgainst = new ArrayList<>();

    @Option(names = "--diff-format", paramLabel = "FORMAT", description = "With --diff-against: text (the default) or json.")
    DiffCommand.OutputFormat diffFormat;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean checking = check != null ? check : output != null;
        Supplier<KeywordOracle> keywords = checking ? Keywords.inBackground(parser.targetVersion) : null;

        if (diffAgainst.isEmpty() && diffFormat != null) {
            return usage(err, "--diff-format goes with --diff-against");
        }
        LintSettings linting = null;
        if (!lint && (lintConfig != null || noLintConfig || failOn != null)) {
            return usage(err, "--lint-config, --no-lint-config and --fail-on go with --lint");
        }
        if (lint) {
            boolean versionGiven = spec.commandLine().getParseResult().hasMatchedOption("--target-version");
            try {
                linting = LintSettings.resolve(lintConfig, noLintConfig, failOn, versionGiven ? parser.targetVersion : null);
            } catch (LintSettings.Invalid e) {
                return usage(err, e.getMessage());
            }
        }

        Map<String, Object> values = new LinkedHashMap<>();
        try {
            for (Path file : valuesFiles) {
                values = Values.merge(values, Values.load(file));
            }
            for (String set : sets) {
                Values.set(values, set);
            }
        } catch (ValuesException e) {
            return usage(err, e.getMessage());
        }

        Rendering rendering;
        try {
            rendering = new Renderer(new Renderer.Options(!lenient, System.getenv())).render(template, values);
        } catch (NoSuchFileException e) {
            return usage(err, template + ": no such template");
        } catch (CharacterCodingException e) {
            return usage(err, template + ": not UTF-8 text");
        } catch (IOException e) {
            return usage(err, template + ": cannot read: " + e.getMessage());
        }
        for (RenderError e : rendering.errors()) {
            err.println(RenderedConfig.asBytes(e.toString()));
        }
        if (rendering.failed()) {
            return failed(err);
        }

        RenderedConfig config = RenderedConfig.of(output != null ? output.toString() : renderedName(template), rendering);
        if (checking && !check(config, keywords, err)) {
            return failed(err);
        }
        if (linting != null && !lint(config, linting, err)) {
            return failed(err);
        }
        // both sides are read before anything is written: CURRENT may be the output file itself
        String diff = null;
        if (!diffAgainst.isEmpty()) {
            Plan rendered = plan(config, err);
            if (rendered == null) {
                return failed(err);
            }
            Plan current = PlanLoader.load(diffAgainst, parser.targetVersion, "sluice render", err);
            if (current == null) {
                return failed(err, ExitCodes.USAGE);
            }
            PlanDiff changes = PlanDiff.between(current, rendered);
            diff = diffFormat == DiffCommand.OutputFormat.JSON ? DiffJson.write(changes) : DiffText.render(changes, false);
        }

        if (output == null) {
            out.print(config.text());
            out.flush();
        } else {
            try {
                AtomicFiles.replace(output, config.bytes());
            } catch (IOException e) {
                return usage(err, "cannot write " + output + ": " + e.getMessage());
            }
        }
        if (diff != null) {
            // standard output carries the rendered configuration when there is no -o
            PrintWriter to = output == null ? err : out;
            to.print(diff);
            to.flush();
        }
        err.flush();
        return ExitCodes.OK;
    }

    /** The check of {@code sluice check}, its findings at template lines; false when the configuration would not start. */
    private boolean check(RenderedConfig config, Supplier<KeywordOracle> keywords, PrintWriter err) {
        CheckOptions options = CheckOptions.of(parser.toParseOptions()).withOffline(offline);
        CheckResult result = new Checker(options, keywords).check(ConfigLoader.parse(config.name(), config.text(), options.parse()));
        List<Diagnostic> shown = result.diagnostics().stream()
                .filter(d -> d.severity() == Severity.ALERT || d.severity() == Severity.WARNING)
                .filter(d -> !d.code().equals("summary"))
                .toList();
        for (Diagnostic d : shown) {
            err.println(located(d, config, RenderedConfig.asBytes(template.toString())));
        }
        long errors = shown.stream().filter(Diagnostic::isError).count();
        long warnings = shown.size() - errors;
        String counts = errors + (errors == 1 ? " error, " : " errors, ") + warnings + (warnings == 1 ? " warning" : " warnings");
        return switch (result.verdict()) {
            case VALID -> true;
            case INVALID -> {
                err.println(template + ": the rendered configuration is invalid (" + counts + ")");
                yield false;
            }
            case NO_LISTENER -> {
                err.println(template + ": the rendered configuration would not start: nothing listens (" + counts + ")");
                yield false;
            }
        };
    }

    /** The rendered configuration compiled, for the diff; null after saying, at template lines, why it does not compile. */
    private Plan plan(RenderedConfig config, PrintWriter err) {
        String name = RenderedConfig.asBytes(template.toString());
        ParseResult parsed = ConfigLoader.parse(config.name(), config.text(), parser.toParseOptions());
        if (parsed.hasErrors()) {
            parsed.diagnostics().stream().filter(Diagnostic::isError).forEach(d -> err.println(located(d, config, name)));
            err.println(template + ": the rendered configuration does not parse, so it cannot be compared");
            return null;
        }
        try {
            return Compiler.compile(parsed.config(), parser.targetVersion);
        } catch (CompileException e) {
            String message = firstLine(e.detail());
            err.println(e.span().file().equals(config.name())
                    ? located(e.span().line(), "error", message, config, name)
                    : name + ": error: " + message);
            err.println(template + ": the rendered configuration does not compile, so it cannot be compared");
            return null;
        }
    }

    /**
     * The rules of {@code sluice lint} over the rendered text, its findings at template lines;
     * false when one reaches {@code --fail-on}. Suppression comments count where the template
     * writes them into the rendered text.
     */
    private boolean lint(RenderedConfig config, LintSettings settings, PrintWriter err) {
        ParseResult parsed = ConfigLoader.parse(config.name(), config.text(),
                ParseOptions.defaults().withVersion(settings.target()));
        Function<String, String> source = file -> file.equals(config.name()) ? config.text() : null;
        List<Finding> findings = Linter.builtIn(settings.config())
                .lint(parsed, Linter.catalog(settings.target()), source)
                .findings();
        for (Finding f : findings) {
            err.println(located(f, config, RenderedConfig.asBytes(template.toString())));
        }
        if (findings.isEmpty()) {
            return true;
        }
        String counts = TextReport.summary(findings);
        if (settings.fails(findings)) {
            err.println(template + ": the rendered configuration fails lint (" + counts + "; --fail-on "
                    + settings.failOn().id() + ")");
            return false;
        }
        err.println(template + ": lint: " + counts);
        return true;
    }

    /**
     * A finding at a rendered line, as {@code TEMPLATE:LINE: severity: message [code]}, the
     * template line being the one that wrote the rendered line, followed by the rendered line.
     */
    static String located(Diagnostic d, RenderedConfig config, String template) {
        String severity = CheckCommand.severity(d.severity());
        String message = firstLine(d.message()) + " [" + d.code() + "]";
        if (!d.span().file().equals(config.name())) {
            return template + ": " + severity + ": " + message;
        }
        return located(d.span().line(), severity, message, config, template);
    }

    /**
     * A lint finding as {@link #located(Diagnostic, RenderedConfig, String)} shows a check's; one
     * in another file (the lint configuration) at its own file and line.
     */
    static String located(Finding f, RenderedConfig config, String template) {
        String message = f.message().replace("\r", "").replace('\n', ' ') + " [" + f.rule() + "]";
        if (!f.span().file().equals(config.name())) {
            return RenderedConfig.asBytes(f.span().file()) + ":" + f.span().line() + ": " + f.severity().id() + ": "
                    + message;
        }
        return located(f.span().line(), f.severity().id(), message, config, template);
    }

    private static String located(int line, String severity, String message, RenderedConfig config, String template) {
        Optional<Origin> origin = config.lineMap().origin(line);
        String where = origin.map(o -> RenderedConfig.asBytes(o.toString())).orElse(template);
        String text = config.line(line).map(String::strip).orElse("");
        return where + ": " + severity + ": " + message + "\n    rendered line " + line + ": " + text;
    }

    /** The name of the rendered text when it goes to standard output: the template's, less {@code .j2}. */
    private static String renderedName(Path template) {
        String name = template.toString();
        for (String ext : List.of(".j2", ".jinja2", ".jinja", ".tmpl", ".tpl")) {
            if (name.endsWith(ext) && name.length() > ext.length()) {
                return name.substring(0, name.length() - ext.length());
            }
        }
        return name;
    }

    private int failed(PrintWriter err) {
        return failed(err, ExitCodes.FAILURE);
    }

    private int failed(PrintWriter err, int code) {
        if (output != null) {
            err.println("sluice render: " + output + " not written" + (Files.exists(output) ? " (left as it was)" : ""));
        }
        err.flush();
        return code;
    }

    private static int usage(PrintWriter err, String message) {
        err.println("sluice render: " + RenderedConfig.asBytes(message));
        err.flush();
        return ExitCodes.USAGE;
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
