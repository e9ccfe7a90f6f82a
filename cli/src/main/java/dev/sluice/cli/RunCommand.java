package dev.sluice.cli;

import dev.sluice.grammar.HaproxyVersion;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sluice run}: the proxy, in the foreground, on configurations or a compiled plan. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run the proxy in the foreground, logging to standard error.",
            "The configuration is checked first (its errors stop the start, as with -c).",
            "SIGTERM or SIGINT stops gracefully, within hard-stop-after; a second one stops at once.",
            "SIGHUP or SIGUSR2 reloads the same files (or plan): checked as at start, put in force only",
            "without errors; connections are kept."})
final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "-f", paramLabel = "FILE", description = "A configuration file or directory (repeatable).")
    List<String> files = new ArrayList<>();

    @Parameters(paramLabel = "FILE", arity = "0..*", description = "More configuration files or directories.")
    List<String> more = new ArrayList<>();

    @Option(names = "--plan", paramLabel = "PLAN", description = "Run a plan written by sluice compile.")
    Path plan;

    @Option(names = {"-p", "--pidfile"}, paramLabel = "FILE", description = "Write the process id to FILE.")
    Path pidFile;

    @Option(names = "--target-version", paramLabel = "VERSION", converter = TargetVersionConverter.class,
            description = "HAProxy version to follow (default: ${DEFAULT-VALUE}).", defaultValue = "3.4")
    HaproxyVersion targetVersion = HaproxyVersion.DEFAULT;

    @Override
    public Integer call() {
        List<String> all = new ArrayList<>(files);
        all.addAll(more);
        if (all.isEmpty() == (plan == null)) {
            spec.commandLine().getErr().println("sluice run: give configuration files (-f FILE) or --plan PLAN");
            return ExitCodes.USAGE;
        }
        return Runner.run(new Runner.Options(all, plan, pidFile, targetVersion, 0),
                spec.commandLine().getOut(), spec.commandLine().getErr());
    }
}
