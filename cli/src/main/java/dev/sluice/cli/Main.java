package dev.sluice.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code sluice} command: its subcommands, and the only place that exits the process. */
@Command(name = "sluice",
        versionProvider = VersionProvider.class,
        description = {
            "Reads haproxy.cfg files, the language HAProxy reads: checks, lints, compiles, diffs, renders, runs, parses and formats them."
        },
        subcommands = {
            CheckCommand.class,
            CompileCommand.class,
            LintCommand.class,
            DiffCommand.class,
            RunCommand.class,
            ReloadCommand.class,
            ParseCommand.class,
            FmtCommand.class,
            RenderCommand.class,
            DemoCommand.class,
            CompletionCommand.class,
            CommandLine.HelpCommand.class
        },
        footerHeading = "%n",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:the configuration has errors, files need formatting, (diff) the configurations differ,"
                + " or (reload) the reload was rejected",
            "2:usage error, an input that cannot be read, (-c, check) valid but nothing listens, or (diff) any error",
            "70:internal error (a bug; rerun with --stacktrace)"
        })
public final class Main implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @CommandLine.Option(names = "--stacktrace", scope = CommandLine.ScopeType.INHERIT,
            description = "Print the stack trace of an internal error.")
    boolean stacktrace;

    @CommandLine.Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @CommandLine.Option(names = "--version", versionHelp = true, description = "Print version information and exit.")
    boolean version;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCodes.USAGE;
    }

    /**
     * Runs {@code sluice} with {@code args}: HAProxy's command line ({@code -c -f FILE}) or a
     * subcommand. Returns the exit code.
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        if (HaproxyArgs.applies(args)) {
            return HaproxyMode.run(args, out, err);
        }
        return commandLine(out, err).execute(args);
    }

    /** Builds the command line with Sluice's output, error and exception handling. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Main());
        cli.getCommandSpec().usageMessage().footer(HaproxyArgs.HELP);
        cli.setOut(out);
        cli.setErr(err);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            boolean trace = parseResult.originalArgs().contains("--stacktrace");
            if (trace) {
                e.printStackTrace(commandLine.getErr());
            } else {
                commandLine.getErr().println("sluice: internal error: " + e
                        + " (rerun with --stacktrace to see where)");
            }
            return ExitCodes.INTERNAL;
        });
        cli.setParameterExceptionHandler((e, args) -> {
            CommandLine c = e.getCommandLine();
            c.getErr().println("sluice: " + e.getMessage());
            c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for more information.");
            return ExitCodes.USAGE;
        });
        return cli;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.ISO_8859_1), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.ISO_8859_1), true);
        int code = run(args, out, err);
        out.flush();
        err.flush();
        System.exit(code);
    }
}
