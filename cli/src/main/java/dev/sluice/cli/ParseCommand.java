package dev.sluice.cli;

import dev.sluice.grammar.AstPrinter;
import dev.sluice.grammar.ConfigLoader;
import dev.sluice.grammar.ParseResult;
import dev.sluice.grammar.diag.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sluice parse}: reads configurations through HAProxy's tokenizer rules only (words,
 * quoting, variables, conditional blocks, sections) and reports what that level finds; with
 * {@code --dump}, prints the resulting AST.
 */
@Command(name = "parse", mixinStandardHelpOptions = true,
        description = {"Parse configurations with HAProxy's reader rules and report what that level finds.",
            "Files, or directories of *.cfg. Messages in HAProxy's format; keyword checks are -c's."})
final class ParseCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ParserOptions parser;

    @Option(names = "-f", paramLabel = "FILE", description = "A configuration file or directory (repeatable).")
    List<String> files = new ArrayList<>();

    @Parameters(paramLabel = "FILE", arity = "0..*", description = "More configuration files or directories.")
    List<String> more = new ArrayList<>();

    @Option(names = "--dump", description = "Print the AST: sections, directives and their words.")
    boolean dump;

    @Option(names = "--no-spans", description = "With --dump, leave out line:column positions.")
    boolean noSpans;

    @Option(names = "-dD", description = "Diagnostic mode, as HAProxy's: also show the messages of .diag lines.")
    boolean diagnosticMode;

    @Override
    public Integer call() {
        List<String> all = new ArrayList<>(files);
        all.addAll(more);
        if (all.isEmpty()) {
            spec.commandLine().getErr().println("sluice parse: no configuration file given (use -f FILE)");
            return ExitCodes.USAGE;
        }
        ParseResult result = ConfigLoader.load(all, parser.toParseOptions());
        if (dump) {
            spec.commandLine().getOut().print(AstPrinter.withSpans(!noSpans).print(result.config()));
            spec.commandLine().getOut().flush();
        }
        Diagnostics.print(spec.commandLine().getErr(), result.diagnostics().stream()
                .filter(d -> diagnosticMode || d.severity() != Severity.DIAG)
                .toList());
        return result.hasErrors() ? ExitCodes.FAILURE : ExitCodes.OK;
    }
}
