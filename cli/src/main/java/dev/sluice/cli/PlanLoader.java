package dev.sluice.cli;

import dev.sluice.compiler.Compiler;
import dev.sluice.compiler.plan.CompileException;
import dev.sluice.compiler.plan.Plan;
import dev.sluice.compiler.plan.PlanJson;
import dev.sluice.grammar.ConfigLoader;
import dev.sluice.grammar.HaproxyVersion;
import dev.sluice.grammar.ParseOptions;
import dev.sluice.grammar.ParseResult;
import dev.sluice.grammar.diag.Diagnostic;
import dev.sluice.grammar.diag.Severity;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * A configuration's plan as {@code sluice diff} reads a side: a {@code plan.json} read as it is,
 * or files and directories parsed (in order, as {@code haproxy -f}) and compiled. Problems are
 * printed on the error stream, prefixed with the command's name.
 */
final class PlanLoader {

    private PlanLoader() {}

    /** The plan of {@code paths} for {@code version}; null after printing why there is none. */
    static Plan load(List<String> paths, HaproxyVersion version, String command, PrintWriter err) {
        if (paths.stream().anyMatch(PlanLoader::isPlan)) {
            if (paths.size() > 1) {
                err.println(command + ": a plan.json is a side of its own, not one of several files: "
                        + String.join(" ", paths));
                err.flush();
                return null;
            }
            return readPlan(paths.get(0), command, err);
        }
        ParseResult parsed = ConfigLoader.load(paths, ParseOptions.defaults().withVersion(version));
        List<Diagnostic> shown = parsed.diagnostics().stream().filter(d -> d.severity() != Severity.DIAG).toList();
        Diagnostics.print(err, shown);
        if (parsed.hasErrors()) {
            return null;
        }
        try {
            return Compiler.compile(parsed.config(), version);
        } catch (CompileException e) {
            err.println(command + ": " + e.getMessage());
            err.flush();
            return null;
        }
    }

    private static boolean isPlan(String path) {
        return path.endsWith(".json") && !Files.isDirectory(Path.of(path));
    }

    private static Plan readPlan(String path, String command, PrintWriter err) {
        try {
            return PlanJson.read(Files.readString(Path.of(path), StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            err.println(command + ": cannot read " + path + ": no such file");
        } catch (IOException e) {
            err.println(command + ": cannot read " + path + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            err.println(command + ": " + path + ": " + e.getMessage());
        }
        err.flush();
        return null;
    }
}
