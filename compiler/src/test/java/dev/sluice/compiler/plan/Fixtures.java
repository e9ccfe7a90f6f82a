package dev.sluice.compiler.plan;

import dev.sluice.compiler.Compiler;
import dev.sluice.grammar.ConfigLoader;
import dev.sluice.grammar.HaproxyVersion;
import dev.sluice.grammar.ParseOptions;
import dev.sluice.grammar.ParseResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/** The configurations the plan tests compile: golden fixtures, samples and the conformance corpus. */
final class Fixtures {

    /** Parse options independent of the machine's environment. */
    static ParseOptions options(HaproxyVersion version) {
        return ParseOptions.defaults().withEnv(Map.of()).withVersion(version);
    }

    private Fixtures() {}

    /** The repository's root, as the build passes it (or the parent of the module's directory). */
    static Path repoRoot() {
        String root = System.getProperty("sluice.repo.root");
        return root != null ? Path.of(root) : Path.of("..").toAbsolutePath().normalize();
    }

    /** The golden fixtures: {@code compiler/src/test/resources/plan/*.cfg}. */
    static Path goldenDir() {
        return repoRoot().resolve("compiler/src/test/resources/plan");
    }

    static List<Path> goldenConfigs() {
        return list(goldenDir(), 1);
    }

    /** Every {@code *.cfg} under {@code samples/}. */
    static List<Path> samples() {
        return list(repoRoot().resolve("samples"), Integer.MAX_VALUE);
    }

    /** The corpus configurations HAProxy 2.6 accepts (class {@code ok}); empty when the corpus is absent. */
    static List<Path> corpusOk() {
        Path corpus = repoRoot().resolve("../shared/corpus").normalize();
        Path verdicts = corpus.resolve("verdicts.tsv");
        if (!Files.isRegularFile(verdicts)) {
            return Assumptions.abort("no HAProxy corpus at ../shared/corpus beside this checkout");
        }
        List<Path> ok = new ArrayList<>();
        try {
            for (String row : Files.readAllLines(verdicts)) {
                String[] f = row.split("\t");
                if (f.length >= 5 && f[4].equals("ok")) {
                    ok.add(corpus.resolve("configs").resolve(f[0]));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ok;
    }

    private static List<Path> list(Path dir, int depth) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir, depth)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".cfg")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses a file; fails when it has errors. */
    static ParseResult parse(Path config, HaproxyVersion version) {
        ParseResult parsed = ConfigLoader.load(List.of(config.toString()), options(version));
        if (parsed.hasErrors()) {
            throw new AssertionError(config + " has parse errors: " + parsed.diagnostics());
        }
        return parsed;
    }

    static Plan compile(Path config, HaproxyVersion version) throws CompileException {
        return Compiler.compile(parse(config, version).config(), version);
    }

    static Plan compile(Path config) throws CompileException {
        return compile(config, HaproxyVersion.DEFAULT);
    }

    /** Compiles a configuration given as text, named {@code test.cfg}. */
    static Plan compileText(String text) throws CompileException {
        ParseResult parsed = ConfigLoader.parse("test.cfg", text, options(HaproxyVersion.DEFAULT));
        if (parsed.hasErrors()) {
            throw new AssertionError("parse errors: " + parsed.diagnostics());
        }
        return Compiler.compile(parsed.config(), HaproxyVersion.DEFAULT);
    }
}
