package dev.sluice.cli;

import dev.sluice.compiler.diff.DiffJson;
import dev.sluice.compiler.diff.DiffText;
import dev.sluice.compiler.diff.PlanDiff;
import dev.sluice.compiler.plan.Plan;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sluice diff}: what changes in behaviour from one configuration to another, compared by
 * their compiled plans, and how each change can be applied. Exits as diff(1) does.
 */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"Compare two configurations by their compiled plans: what changes in behaviour.",
            "A side is a file, a directory of *.cfg, a plan.json from 'sluice compile', or",
            "several files given with repeated --old / --new. Each change says how it",
            "applies: runtime (through the runtime socket), reload (a hot reload) or",
            "restart (a new process)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no change", "1:the configurations differ", "2:an error (usage, unreadable input, errors in a configuration)"})
final class DiffCommand implements Callable<Integer> {

    /** What to print. */
    enum OutputFormat {
        TEXT,
        JSON
    }

    /** When to colour the text. */
    enum ColorMode {
        AUTO,
        ALWAYS,
        NEVER
    }

    @Spec
    CommandSpec spec;

    @Mixin
    ParserOptions parser;

    @Option(names = "--old", paramLabel = "FILE",
            description = "A configuration file or directory of the old side (repeatable: read in order, as haproxy -f).")
    List<String> oldFiles = new ArrayList<>();

    @Option(names = "--new", paramLabel = "FILE",
            description = "A configuration file or directory of the new side (repeatable).")
    List<String> newFiles = new ArrayList<>();

    @Parameters(index = "0", arity = "0..1", paramLabel = "OLD",
            description = "The old side (unless --old is given): a file, a directory or a plan.json.")
    String first;

    @Parameters(index = "1", arity = "0..1", paramLabel = "NEW",
            description = "The new side (unless --new is given).")
    String second;

    @Option(names = "--format", paramLabel = "FORMAT", description = "text (the default) or json.")
    OutputFormat format = OutputFormat.TEXT;

    @Option(names = "--color", paramLabel = "WHEN",
            description = "Colour the text: auto (the default: on a terminal, unless NO_COLOR is set), always or never.")
    ColorMode color = ColorMode.AUTO;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        // positional arguments stand for the sides not given with --old / --new, in order
        List<String> remaining = new ArrayList<>();
        Stream.of(first, second).filter(Objects::nonNull).forEach(remaining::add);
        List<String> before = oldFiles.isEmpty() && !remaining.isEmpty() ? List.of(remaining.remove(0)) : oldFiles;
        List<String> after = newFiles.isEmpty() && !remaining.isEmpty() ? List.of(remaining.remove(0)) : newFiles;
        if (before.isEmpty() || after.isEmpty() || !remaining.isEmpty()) {
            err.println("sluice diff: give two sides: OLD NEW, or --old FILE... --new FILE... (one of them may be a"
                    + " positional argument)");
            err.flush();
            return ExitCodes.TROUBLE;
        }
        Plan oldPlan = PlanLoader.load(before, parser.targetVersion, "sluice diff", err);
        Plan newPlan = PlanLoader.load(after, parser.targetVersion, "sluice diff", err);
        if (oldPlan == null || newPlan == null) {
            return ExitCodes.TROUBLE;
        }
        PlanDiff diff = PlanDiff.between(oldPlan, newPlan);
        out.print(format == OutputFormat.JSON ? DiffJson.write(diff) : DiffText.render(diff, colors()));
        out.flush();
        return diff.isEmpty() ? ExitCodes.OK : ExitCodes.DIFFERENT;
    }

    private boolean colors() {
        return switch (color) {
            case ALWAYS -> true;
            case NEVER -> false;
            case AUTO -> System.console() != null && System.getenv("NO_COLOR") == null
                    && !"dumb".equals(System.getenv("TERM"));
        };
    }
}
