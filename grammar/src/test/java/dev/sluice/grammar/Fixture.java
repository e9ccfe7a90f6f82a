package dev.sluice.grammar;

import dev.sluice.grammar.diag.Diagnostic;
import dev.sluice.grammar.diag.HaproxyFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A golden fixture: a configuration file whose leading {@code #!} comment lines set up the
 * parse: {@code #! version 2.6}, {@code #! env NAME=VALUE} (VALUE taken literally, {@code \t}
 * and {@code \s} standing for a tab and a space), and {@code #! haproxy} to also compare the
 * result with the real HAProxy 2.6.
 */
record Fixture(Path path, String text, ParseOptions options, boolean compareWithHaproxy) {

    static final Path ROOT = Path.of("src/test/resources/golden/tokenizer");

    static Fixture load(Path path) throws IOException {
        String text = ConfigLoader.read(path);
        HaproxyVersion version = HaproxyVersion.DEFAULT;
        Map<String, String> env = new HashMap<>();
        boolean haproxy = false;
        for (String line : text.split("\n", -1)) {
            if (!line.startsWith("#! ")) {
                break;
            }
            String[] kv = line.substring(3).strip().split(" ", 2);
            switch (kv[0]) {
                case "version" -> version = HaproxyVersion.parse(kv[1]);
                case "haproxy" -> haproxy = true;
                case "env" -> {
                    String[] nv = kv[1].split("=", 2);
                    env.put(nv[0], nv[1].replace("\\t", "\t").replace("\\s", " "));
                }
                default -> throw new IllegalArgumentException(path + ": unknown fixture directive " + line);
            }
        }
        ParseOptions options = new ParseOptions(version, env, ParseOptions.DEFAULT_FEATURES,
                ParseOptions.DEFAULT_ENABLED, "OpenSSL 3.0.15");
        return new Fixture(path, text, options, haproxy);
    }

    String name() {
        return path.getFileName().toString();
    }

    ParseResult parse() {
        return ConfigLoader.parse(name(), text, options);
    }

    /** What the golden file holds: the AST, then the diagnostics as HAProxy prints them. */
    String render() {
        ParseResult result = parse();
        StringBuilder out = new StringBuilder(AstPrinter.withSpans(true).print(result.config()));
        out.append("--- diagnostics\n");
        for (Diagnostic d : result.diagnostics()) {
            out.append(HaproxyFormat.format(d, 0).replace("(0) : ", "(PID) : "));
        }
        return out.toString();
    }

    Path expectedPath() {
        String n = name();
        return path.resolveSibling(n.substring(0, n.length() - ".cfg".length()) + ".expected");
    }

    static List<Path> all() throws IOException {
        try (var files = Files.list(ROOT)) {
            return files.filter(p -> p.toString().endsWith(".cfg")).sorted().toList();
        }
    }

    /** The messages of HAProxy's configuration reader itself, as opposed to its keyword parsers. */
    static final Pattern READER_MESSAGE = Pattern.compile("parsing \\[[^]]*\\]: ("
            + "unmatched quote at position|unmatched brace in environment|forbidden first char in environment"
            + "|truncated or invalid hexadecimal|truncated or invalid word expansion|too many words, truncating"
            + "|Missing LF on last line|Stray NUL character|unknown keyword '.*' out of section"
            + "|non-terminated '\\.if' block|lone '\\.(elif|else|endif)'|'\\.(elif|else)' after '\\.else'"
            + "|too many nested '\\.if'|Unexpected argument '.*' for '\\.|unknown directive '\\."
            + "|.* in '\\.(if|elif)' at position|too many fatal errors"
            + "|argument number \\d+ at position \\d+ is empty"
            + "|'[^']*'\\.$)"
            + "|^\\[NOTICE\\].*parsing \\[[^]]*\\]: '.*'\\.$"
            + "|parsing \\[[^]]*\\] : (empty scope name|character '.' is not permitted)");

    /**
     * Keeps the reader's messages (with their continuation lines) from HAProxy's output,
     * with the process id replaced by PID.
     */
    static String readerMessages(String output) {
        StringBuilder out = new StringBuilder();
        boolean keep = false;
        for (String line : output.split("\n")) {
            if (line.startsWith("[")) {
                keep = READER_MESSAGE.matcher(line).find();
                if (keep) {
                    out.append(line.replaceFirst("\\(\\d+\\) : ", "(PID) : ")).append('\n');
                }
            } else if (keep && line.startsWith("  ")) {
                out.append(line).append('\n');
            } else {
                keep = false;
            }
        }
        return out.toString();
    }
}
