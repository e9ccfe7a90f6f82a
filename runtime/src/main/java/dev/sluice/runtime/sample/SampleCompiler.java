package dev.sluice.runtime.sample;

import dev.sluice.compiler.plan.AclMatch;
import dev.sluice.compiler.plan.Condition;
import dev.sluice.compiler.plan.ConverterCall;
import dev.sluice.compiler.plan.Format;
import dev.sluice.compiler.plan.SampleCall;
import dev.sluice.compiler.plan.Term;
import dev.sluice.runtime.stick.StickTable;
import dev.sluice.runtime.stick.TableSet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Compiles the plan's conditions, sample expressions and log-format strings into immutable,
 * thread-safe evaluators. Every file (pattern files of {@code -f}, map files of {@code map*}
 * converters) is read here, once, relative to the base directory when its name is relative;
 * evaluation never reads a file, never blocks and never resolves a name.
 *
 * <p>Stick-table fetches and converters ({@code sc_*}, {@code src_*}, {@code table_*}) read the
 * tables of the proxy a compiler is {@link #inProxy for}: a fetch without a table argument reads
 * the proxy's own table.
 *
 * <p>A compiler is used by one thread (it caches what it read); what it returns is shared freely.
 * What the runtime does not support is an {@link IllegalArgumentException} naming it.
 */
public final class SampleCompiler {

    private final Path baseDir;
    private final Map<Path, List<String>> files;
    private final Map<AclMatch, AclMatcher> acls = new HashMap<>();
    private final TableSet tables;
    private final String proxy;

    /** A compiler reading relative file names from {@code baseDir}, with no stick table. */
    public SampleCompiler(Path baseDir) {
        this(Objects.requireNonNull(baseDir, "baseDir"), new HashMap<>(), TableSet.EMPTY, null);
    }

    private SampleCompiler(Path baseDir, Map<Path, List<String>> files, TableSet tables, String proxy) {
        this.baseDir = baseDir;
        this.files = files;
        this.tables = tables;
        this.proxy = proxy;
    }

    /**
     * A compiler for the expressions of proxy {@code proxy}, whose stick-table fetches see
     * {@code tables} (the proxy's own table is the one named after it). Files read are shared
     * with this compiler.
     */
    public SampleCompiler inProxy(String proxy, TableSet tables) {
        return new SampleCompiler(baseDir, files, Objects.requireNonNull(tables, "tables"),
                Objects.requireNonNull(proxy, "proxy"));
    }

    /**
     * The stick table {@code name} of the plan, or with a null or empty name the proxy's own.
     *
     * @throws IllegalArgumentException when there is no such table
     */
    public StickTable table(String name) {
        if (name == null || name.isEmpty()) {
            StickTable own = proxy == null ? null : tables.get(proxy);
            if (own == null) {
                throw new IllegalArgumentException("no stick-table in " + (proxy == null ? "this context"
                        : "proxy '" + proxy + "'") + " (name one with a table argument)");
            }
            return own;
        }
        StickTable t = tables.get(name);
        if (t == null) {
            throw new IllegalArgumentException("no stick-table named '" + name + "'");
        }
        return t;
    }

    /** Compiles a rule's condition; a null condition (the rule has none) always applies. */
    public CompiledCondition condition(Condition condition) {
        if (condition == null) {
            return CompiledCondition.ALWAYS;
        }
        CompiledCondition.Term[][] groups = new CompiledCondition.Term[condition.or().size()][];
        StringBuilder text = new StringBuilder(condition.unless() ? "unless" : "if");
        for (int g = 0; g < groups.length; g++) {
            List<Term> terms = condition.or().get(g);
            if (g > 0) {
                text.append(" ||");
            }
            groups[g] = new CompiledCondition.Term[terms.size()];
            for (int t = 0; t < terms.size(); t++) {
                Term term = terms.get(t);
                text.append(' ').append(term.negated() ? "!" : "");
                if (term instanceof Term.AclRef ref) {
                    AclMatcher[] matchers = ref.matches().stream().map(this::acl).toArray(AclMatcher[]::new);
                    groups[g][t] = new CompiledCondition.Term(matchers, ref.negated());
                    text.append(ref.name());
                } else if (term instanceof Term.Anonymous anonymous) {
                    AclMatcher m = acl(anonymous.match());
                    groups[g][t] = new CompiledCondition.Term(new AclMatcher[] {m}, anonymous.negated());
                    text.append("{ ").append(m).append(" }");
                }
            }
        }
        return new CompiledCondition(condition.unless(), groups, text.toString());
    }

    /** Compiles one ACL expression, reading its pattern files. */
    public AclMatcher acl(AclMatch match) {
        AclMatcher known = acls.get(match);
        if (known != null) {
            return known;
        }
        CompiledSample criterion = sample(match.criterion());
        List<String> patterns = new ArrayList<>();
        for (String file : match.patternFiles()) {
            for (String line : lines(file)) {
                if (match.mapFormat()) {
                    String[] entry = MapFiles.entry(line);
                    if (entry != null) {
                        patterns.add(entry[0]);
                    }
                } else {
                    String pattern = MapFiles.pattern(line);
                    if (pattern != null) {
                        patterns.add(pattern);
                    }
                }
            }
        }
        // HAProxy reads patterns up to the first empty word, which ends the line for it.
        for (String p : match.patterns()) {
            if (p.isEmpty()) {
                break;
            }
            patterns.add(p);
        }
        StringBuilder text = new StringBuilder(criterion.toString()).append(" -m ").append(match.method().id());
        if (match.ignoreCase()) {
            text.append(" -i");
        }
        for (String f : match.patternFiles()) {
            text.append(" -f ").append(f);
        }
        for (String p : match.patterns()) {
            text.append(' ').append(p);
        }
        AclMatcher m = AclMatcher.create(text.toString(), criterion, match.method(), match.ignoreCase(), patterns);
        acls.put(match, m);
        return m;
    }

    /** Compiles a sample expression, reading the map files its converters name. */
    public CompiledSample sample(SampleCall call) {
        Fetch fetch = TableSamples.isFetch(call.fetch()) ? TableSamples.fetch(call.fetch(), call.args(), this)
                : Fetches.compile(call.fetch(), call.args());
        List<ConverterCall> calls = call.converters();
        Converter[] converters = new Converter[calls.size()];
        for (int i = 0; i < converters.length; i++) {
            ConverterCall c = calls.get(i);
            converters[i] = TableSamples.isConverter(c.name()) ? TableSamples.converter(c.name(), c.args(), this)
                    : Converters.compile(c.name(), c.args(), this::lines);
        }
        return new CompiledSample(call.toString(), fetch, converters);
    }

    /** Compiles a log-format string. */
    public CompiledFormat format(Format format) {
        List<CompiledFormat.Piece> pieces = new ArrayList<>();
        for (Format.Part part : format.parts()) {
            if (part instanceof Format.Text t) {
                pieces.add(new CompiledFormat.Literal(t.text()));
            } else if (part instanceof Format.Sample s) {
                pieces.add(new CompiledFormat.Sample(sample(s.call()), s.options().contains("+Q"),
                        s.options().contains("+X"), s.options().contains("+E")));
            } else if (part instanceof Format.Alias a) {
                pieces.add(new CompiledFormat.Alias(a.name()));
            }
        }
        if (pieces.isEmpty()) {
            pieces.add(new CompiledFormat.Literal(""));
        }
        return new CompiledFormat(format.text(), pieces.toArray(CompiledFormat.Piece[]::new));
    }

    /** A file's lines, read once as bytes (one {@code char} per byte). */
    List<String> lines(String file) {
        Path path = baseDir.resolve(file).normalize();
        List<String> lines = files.get(path);
        if (lines == null) {
            try {
                lines = List.copyOf(Files.readAllLines(path, StandardCharsets.ISO_8859_1));
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read '" + file + "' (" + path + "): " + e);
            }
            files.put(path, lines);
        }
        return lines;
    }
}
