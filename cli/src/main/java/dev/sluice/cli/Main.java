package dev.sluice.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import dev.sluice.compiler.CheckOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code sluice} command: its subcommands, and the only place that exits the process. */
@Command(name = "sluice",
        versionProvider = VersionProvider.class,
        description = {
            "Reads haproxy.cfg files, the language HAProxy reads: checks, parses and formats them.",
            "Check as haproxy does: sluice -c -f haproxy.cfg"
        },
        subcommands = {
            CheckCommand.class,
            CompileCommand.class,
            ParseCommand.class,
            FmtCommand.class,
            DemoCommand.class,
            CompletionCommand.class,
            CommandLine.HelpCommand.class
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:the configuration has errors, or files need formatting",
            "2:usage error, an input that cannot be read, or (-c, check) valid but nothing listens",
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

    @CommandLine.Option(names = "-c", description = "Check the configuration and exit, as haproxy -c: "
            + "0 valid, 1 errors, 2 valid but nothing listens.")
    boolean check;

    @CommandLine.Option(names = "-f", paramLabel = "FILE", description = "A configuration file or directory (repeatable).")
    java.util.List<String> files = new java.util.ArrayList<>();

    @CommandLine.Option(names = "-q", description = "Quiet: print nothing, only set the exit code.")
    boolean quiet;

    @CommandLine.Option(names = "-V", description = "Verbose: undo -q.")
    boolean verbose;

    @CommandLine.Option(names = "-dW", description = "Zero warning: warnings are fatal.")
    boolean zeroWarning;

    @CommandLine.Option(names = "-dr", description = "Relaxed: a server name that does not resolve is no error.")
    boolean relaxedDns;

    @CommandLine.Option(names = "-dD", description = "Diagnostic mode: also print .diag messages.")
    boolean diagnosticMode;

    @CommandLine.Option(names = "--offline", description = "Checks that depend on this machine (files, host "
            + "names, users) become notices: for CI jobs without the secrets or the network.")
    boolean offline;

    @CommandLine.Mixin
    ParserOptions parser;

    @Override
    public Integer call() {
        if (check) {
            if (files.isEmpty()) {
                spec.commandLine().getErr().println("sluice: -c needs at least one -f FILE");
                return ExitCodes.USAGE;
            }
            CheckOptions options = CheckOptions.of(parser.toParseOptions())
                    .withOffline(offline)
                    .withRelaxedDns(relaxedDns);
            return CheckMode.run(files, options, Keywords.forVersion(parser.targetVersion), quiet && !verbose,
                    zeroWarning, diagnosticMode, spec.commandLine().getOut(), spec.commandLine().getErr());
        }
        if (!files.isEmpty()) {
            spec.commandLine().getErr().println("sluice: running a configuration (sluice -f FILE without -c) is not "
                    + "available yet; check it with: sluice -c -f FILE");
            return ExitCodes.USAGE;
        }
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCodes.USAGE;
    }

    /** Builds the command line with Sluice's output, error and exception handling. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Main());
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
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.ISO_8859_1), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.ISO_8859_1), true);
        int code = commandLine(out, err).execute(args);
        out.flush();
        err.flush();
        System.exit(code);
    }
}
