package dev.sluice.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.sluice.compiler.CheckOptions;
import dev.sluice.compiler.CheckResult;
import dev.sluice.compiler.Checker;
import dev.sluice.grammar.ConfigLoader;
import dev.sluice.grammar.diag.Diagnostic;
import dev.sluice.grammar.diag.Severity;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sluice check}: the same check as {@code -c}, with output for people and tools:
 * {@code file:line:col: severity: message [code]} (a caret under the column and colour on a
 * terminal), or JSON; {@code --each} checks every file as a configuration of its own.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Check configurations as 'sluice -c' does, with output for people and tools.",
            "Prints file:line:col: severity: message [code], or JSON."})
final class CheckCommand implements Callable<Integer> {

    enum Format { text, json }

    @Spec
    CommandSpec spec;

    @Mixin
    ParserOptions parser;

    @Option(names = "--format", paramLabel = "FORMAT", description = "text (default) or json.")
    Format format = Format.text;

    @Option(names = "--each", description = "Check every file as a configuration of its own, one verdict each.")
    boolean each;

    @Option(names = "--offline", description = "Checks that depend on this machine become notices.")
    boolean offline;

    @Option(names = "--color", paramLabel = "WHEN", description = "auto (default), always or never.")
    String color = "auto";

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Configuration files or directories.")
    List<String> files = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        CheckOptions options = CheckOptions.of(parser.toParseOptions()).withOffline(offline);
        Checker checker = new Checker(options, Keywords.inBackground(parser.targetVersion));
        List<List<String>> runs = new ArrayList<>();
        if (each) {
            for (String f : ConfigLoader.expand(files, new ArrayList<>())) {
                runs.add(List.of(f));
            }
        } else {
            runs.add(files);
        }
        int worst = ExitCodes.OK;
        List<Map<String, Object>> json = new ArrayList<>();
        boolean colors = color.equals("always") || (color.equals("auto") && System.console() != null
                && !"dumb".equals(System.getenv("TERM")) && System.getenv("NO_COLOR") == null);
        for (List<String> run : runs) {
            CheckResult result = checker.check(run);
            List<Diagnostic> shown = result.diagnostics().stream()
                    .filter(d -> d.severity() != Severity.DIAG && !d.code().equals("summary"))
                    .toList();
            if (format == Format.json) {
                for (Diagnostic d : shown) {
                    json.add(toJson(d));
                }
            } else {
                for (Diagnostic d : shown) {
                    out.println(line(d, colors));
                    if (colors) {
                        String caret = caret(d);
                        if (caret != null) {
                            out.println(caret);
                        }
                    }
                }
                out.println(String.join(" ", run) + ": " + verdict(result, shown));
            }
            worst = Math.max(worst, rank(result.verdict()));
        }
        if (format == Format.json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json));
        }
        out.flush();
        return worst == 2 ? ExitCodes.FAILURE : worst == 1 ? 2 : ExitCodes.OK;
    }

    /** Orders verdicts for several runs: invalid is worst, then nothing to listen on. */
    private static int rank(CheckResult.Verdict v) {
        return switch (v) {
            case VALID -> 0;
            case NO_LISTENER -> 1;
            case INVALID -> 2;
        };
    }

    private static String verdict(CheckResult result, List<Diagnostic> shown) {
        long errors = shown.stream().filter(d -> d.severity() == Severity.ALERT).count();
        long warnings = shown.stream().filter(d -> d.severity() == Severity.WARNING).count();
        String counts = errors + (errors == 1 ? " error, " : " errors, ") + warnings
                + (warnings == 1 ? " warning" : " warnings");
        return switch (result.verdict()) {
            case VALID -> "valid (" + counts + ")";
            case NO_LISTENER -> "valid but nothing listens (" + counts + ")";
            case INVALID -> "invalid (" + counts + ")";
        };
    }

    static String severity(Severity s) {
        return switch (s) {
            case ALERT -> "error";
            case WARNING -> "warning";
            case NOTICE -> "notice";
            case DIAG -> "diag";
        };
    }

    private static String line(Diagnostic d, boolean colors) {
        String sev = severity(d.severity());
        if (colors) {
            String c = d.severity() == Severity.ALERT ? "\u001b[1;31m" : d.severity() == Severity.WARNING
                    ? "\u001b[1;33m" : "\u001b[1;36m";
            sev = c + sev + "\u001b[0m";
        }
        String where = d.span().file().equals("-") ? "" : d.span() + ": ";
        return where + sev + ": " + firstLine(d.message()) + " [" + d.code() + "]";
    }

    private static String caret(Diagnostic d) {
        try {
            List<String> lines = java.nio.file.Files.readAllLines(Path.of(d.span().file()),
                    java.nio.charset.StandardCharsets.ISO_8859_1);
            if (d.span().line() > lines.size()) {
                return null;
            }
            String text = lines.get(d.span().line() - 1);
            return "    " + text + "\n    " + " ".repeat(Math.max(0, d.span().column() - 1)) + "^";
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static Map<String, Object> toJson(Diagnostic d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", d.span().file());
        m.put("line", d.span().line());
        m.put("column", d.span().column());
        m.put("severity", severity(d.severity()));
        m.put("code", d.code());
        m.put("message", d.message());
        return m;
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
