package dev.sluice.bench;

import dev.sluice.grammar.ConfigLoader;
import dev.sluice.grammar.HaproxyVersion;
import dev.sluice.grammar.ParseOptions;
import dev.sluice.grammar.ParseResult;
import dev.sluice.grammar.diag.Diagnostic;
import dev.sluice.grammar.fmt.Formatter;
import dev.sluice.grammar.syntax.SyntaxLine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Parses (and formats) the generated 50,000-line configuration, in process: the file is read
 * once in {@link #setUp()}, so the figures leave out disk I/O and JVM start.
 *
 * <ul>
 *   <li>{@code parse}: {@link ConfigLoader#parse}, the whole parser (tokenize, decode words,
 *       sections, conditional blocks), target HAProxy 2.6;</li>
 *   <li>{@code tokenize}: {@link ConfigLoader#syntaxLines} alone: the ANTLR lexer and the
 *       {@link SyntaxLine}s grouped from its tokens, what the formatter works on ({@code parse}
 *       lexes the same way, but keeps a line of plain words as its decoded words instead);</li>
 *   <li>{@code format}: {@link Formatter#format}, which tokenizes and prints.</li>
 * </ul>
 *
 * <p>The file is {@code bench/out/haproxy-50k.cfg} (written by {@code bench/gen-config.sh}),
 * relative to the working directory; {@code -p file=PATH} or {@code -Dsluice.bench.file=PATH}
 * picks another.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
public class ParseBenchmark {

    /** The configuration to parse. */
    @Param({"bench/out/haproxy-50k.cfg"})
    public String file;

    private String name;
    private String text;
    private ParseOptions options;
    private Formatter formatter;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Path path = resolve(System.getProperty("sluice.bench.file", file));
        name = path.toString();
        text = ConfigLoader.read(path);
        // A fixed, empty environment: "${VAR-default}" words take their defaults on every machine.
        options = ParseOptions.defaults().withVersion(HaproxyVersion.V2_6).withEnv(Map.of());
        formatter = new Formatter(HaproxyVersion.V2_6);

        ParseResult result = ConfigLoader.parse(name, text, options);
        if (result.hasErrors()) {
            StringBuilder sb = new StringBuilder(name + " does not parse cleanly:");
            result.diagnostics().stream().filter(Diagnostic::isError).limit(10)
                    .forEach(d -> sb.append("\n  ").append(d.span()).append(": ").append(d.message()));
            throw new IllegalStateException(sb.toString());
        }
        long lines = text.chars().filter(c -> c == '\n').count();
        System.out.printf("%n# file %s: %d lines, %d bytes, %d diagnostics%n", name, lines, text.length(),
                result.diagnostics().size());
    }

    /** The whole parser: text to AST and diagnostics. */
    @Benchmark
    public ParseResult parse() {
        return ConfigLoader.parse(name, text, options);
    }

    /** The tokenizer alone (ANTLR lexer, tokens grouped into SyntaxLines). */
    @Benchmark
    public List<SyntaxLine> tokenize() {
        return ConfigLoader.syntaxLines(text);
    }

    /** The formatter: tokenize, then print in the canonical layout. */
    @Benchmark
    public String format() {
        return formatter.format(text);
    }

    /** {@code path} as given; when relative and missing, tried from the parent directory too (run from bench/). */
    private static Path resolve(String path) throws IOException {
        Path p = Path.of(path);
        if (Files.isRegularFile(p) || p.isAbsolute()) {
            return p;
        }
        Path fromBench = p.startsWith("bench") && p.getNameCount() > 1 ? p.subpath(1, p.getNameCount()) : p;
        if (Files.isRegularFile(fromBench)) {
            return fromBench;
        }
        throw new IOException("benchmark input " + p.toAbsolutePath() + " not found: run bench/gen-config.sh first");
    }
}
