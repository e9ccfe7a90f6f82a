package dev.sluice.cli;

import dev.sluice.compiler.CheckOptions;
import dev.sluice.compiler.CheckResult;
import dev.sluice.compiler.Checker;
import dev.sluice.grammar.ConfigLoader;
import dev.sluice.grammar.diag.Severity;
import dev.sluice.grammar.ParseResult;
import dev.sluice.grammar.ast.Section;
import dev.sluice.grammar.fmt.Formatter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sluice demo}: shows what Sluice does today on the sample configurations of
 * {@code samples/seed}: each one parsed, its sections listed, its layout checked.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Show Sluice at work on the sample configurations (samples/seed).",
            "Each is parsed and checked with HAProxy's rules, its sections listed, its layout compared."})
final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ParserOptions parser;

    @Option(names = "--samples", paramLabel = "DIR",
            description = "The folder of sample configurations (default: samples/seed of the Sluice checkout).")
    Path samples;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path dir = samples != null ? samples : defaultSamples();
        if (dir == null || !Files.isDirectory(dir)) {
            err.println("sluice demo: no samples folder found; give one with --samples DIR");
            return ExitCodes.USAGE;
        }
        List<Path> configs;
        try (Stream<Path> s = Files.list(dir)) {
            configs = s.filter(p -> p.getFileName().toString().endsWith(".cfg")).sorted().toList();
        }
        Formatter formatter = new Formatter(parser.targetVersion);
        int failures = 0;
        out.printf("Sluice %s, following HAProxy %s: %d sample configurations in %s%n%n",
                VersionProvider.version(), parser.targetVersion, configs.size(), dir);
        for (Path config : configs) {
            String name = config.getFileName().toString();
            ParseResult result = ConfigLoader.load(List.of(config.toString()), parser.toParseOptions());
            List<Section> sections = result.config().sections().toList();
            long directives = sections.stream().mapToLong(s -> s.directives().size()).sum();
            boolean formatted = formatter.isFormatted(ConfigLoader.read(config));
            CheckResult check = new Checker(CheckOptions.of(parser.toParseOptions()).withOffline(true),
                    Keywords.forVersion(parser.targetVersion)).check(List.of(config.toString()));
            long errors = check.diagnostics().stream().filter(d -> d.severity() == Severity.ALERT
                    && !d.code().equals("summary")).count();
            long warnings = check.diagnostics().stream().filter(d -> d.severity() == Severity.WARNING).count();
            out.printf("%-26s %2d sections, %3d directives; check: %s (%d errors, %d warnings); layout %s%n", name,
                    sections.size(), directives, check.verdict().name().toLowerCase(java.util.Locale.ROOT)
                            .replace('_', ' '), errors, warnings,
                    formatted ? "canonical" : "differs from `sluice fmt`");
            out.printf("    %s%n", sections.stream()
                    .map(s -> s.type() + s.name().map(n -> " " + n).orElse(""))
                    .collect(Collectors.joining(", ")));
            if (result.hasErrors()) {
                failures++;
                Diagnostics.print(err, result.diagnostics());
            }
        }
        String first = dir.resolve(configs.isEmpty() ? "x.cfg" : configs.get(0).getFileName().toString()).toString();
        out.printf("%nChecks ran offline (files such as certificates are not required here).%n"
                + "Try: ./sluice -c -f %s%n     ./sluice check %s%n     ./sluice compile --format text -f %s%n"
                + "     ./sluice fmt %s%n", first, dir, first, first);
        out.flush();
        return failures == 0 ? ExitCodes.OK : ExitCodes.FAILURE;
    }

    private static Path defaultSamples() {
        String home = System.getProperty("sluice.home");
        Path base = home != null ? Path.of(home) : Path.of("").toAbsolutePath();
        for (Path p = base; p != null; p = p.getParent()) {
            Path candidate = p.resolve("samples").resolve("seed");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
