package dev.sluice.grammar;

import dev.sluice.grammar.ast.Config;
import dev.sluice.grammar.ast.ConfigFile;
import dev.sluice.grammar.ast.SourceSpan;
import dev.sluice.grammar.diag.Diagnostic;
import dev.sluice.grammar.diag.Severity;
import dev.sluice.grammar.syntax.SyntaxLine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The parser's entry point: reads configuration files and directories, in the order given, into
 * one {@link Config}, as {@code haproxy -f a.cfg -f conf.d/} does.
 *
 * <p>Files are read byte for byte (ISO-8859-1), as HAProxy reads them: positions count bytes, and
 * whatever the file holds comes back unchanged when written out the same way.
 */
public final class ConfigLoader {

    private ConfigLoader() {}

    /** Parses the files and directories at {@code paths}, in order. */
    public static ParseResult load(List<String> paths, ParseOptions options) {
        return load(paths, null, options);
    }

    /**
     * Parses the files and directories at {@code paths}, in order; relative ones are found in
     * {@code directory} (null: the working directory), as after {@code haproxy -C DIR}. Messages
     * name them as given.
     */
    public static ParseResult load(List<String> paths, Path directory, ParseOptions options) {
        AstBuilder.prepare();
        List<Diagnostic> diagnostics = new ArrayList<>();
        List<ConfigFile> files = new ArrayList<>();
        List<String> names = expand(paths, directory, diagnostics);
        for (String name : names) {
            String text;
            try {
                text = read(in(directory, name));
            } catch (IOException e) {
                String reason = e instanceof NoSuchFileException ? "No such file or directory" : describe(e);
                String message = "Could not open configuration file " + name + " : " + reason;
                diagnostics.add(new Diagnostic(Severity.ALERT, SourceSpan.ofLine(name, 1), message, message));
                continue;
            }
            files.add(ConfigReader.read(name, text, options, names, diagnostics));
        }
        return new ParseResult(new Config(files), diagnostics, names);
    }

    /** Parses one file's text, named {@code name} in positions and messages. */
    public static ParseResult parse(String name, String text, ParseOptions options) {
        List<Diagnostic> diagnostics = new ArrayList<>();
        ConfigFile file = ConfigReader.read(name, text, options, List.of(name), diagnostics);
        return new ParseResult(new Config(List.of(file)), diagnostics, List.of(name));
    }

    /** The physical lines of {@code text}, before decoding: what the formatter works on. */
    public static List<SyntaxLine> syntaxLines(String text) {
        return AstBuilder.lines(text);
    }

    /** Reads a file as HAProxy does: one character per byte. */
    public static String read(Path path) throws IOException {
        return new String(Files.readAllBytes(path), StandardCharsets.ISO_8859_1);
    }

    /**
     * Replaces each directory by its {@code *.cfg} files in lexical order, as HAProxy does;
     * hidden files are skipped.
     */
    public static List<String> expand(List<String> paths, List<Diagnostic> diagnostics) {
        return expand(paths, null, diagnostics);
    }

    /** As {@link #expand(List, List)}, relative names found in {@code directory} (null: the working directory). */
    public static List<String> expand(List<String> paths, Path directory, List<Diagnostic> diagnostics) {
        List<String> files = new ArrayList<>();
        for (String name : paths) {
            Path path = in(directory, name);
            if (!Files.isDirectory(path)) {
                files.add(name);
                continue;
            }
            try (Stream<Path> entries = Files.list(path)) {
                entries.map(p -> p.getFileName().toString())
                        .filter(f -> f.endsWith(".cfg") && !f.startsWith("."))
                        .sorted()
                        .map(f -> name.endsWith("/") ? name + f : name + "/" + f)
                        .filter(f -> Files.isRegularFile(in(directory, f)))
                        .forEach(files::add);
            } catch (IOException e) {
                String message = "Cannot open configuration directory " + name + " : " + describe(e);
                diagnostics.add(new Diagnostic(Severity.ALERT, SourceSpan.ofLine(name, 1), message, message));
            }
        }
        return files;
    }

    private static Path in(Path directory, String name) {
        return directory == null ? Path.of(name) : directory.resolve(name);
    }

    private static String describe(IOException e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }
}
