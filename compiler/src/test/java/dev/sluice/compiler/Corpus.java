package dev.sluice.compiler;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * The conformance corpus beside the repository ({@code ../shared/corpus}): HAProxy's own
 * configurations with what HAProxy 2.6 printed for each and its verdict class.
 */
final class Corpus {

    /** One configuration: its path, HAProxy's exit code, its class, what HAProxy printed. */
    record Entry(Path config, int exitCode, String verdictClass, String output) {
        @Override
        public String toString() {
            return config.getFileName().toString();
        }
    }

    private static final Pattern LINE = Pattern.compile("arsing \\[([^\\]:]+):(\\d+)\\]");

    private Corpus() {}

    private static Path materialized;

    /**
     * The corpus as HAProxy saw it: a copy in which the files that stand for symbolic links
     * (their content is the link's target, as Git stores links where it cannot make them) are
     * real links again, so that certificates under {@code tree/} resolve. It is made afresh under
     * the module's {@code target/} once per test run, so nothing outlives the build directory.
     */
    static synchronized Path workDir() throws IOException {
        if (materialized == null) {
            Path source = root();
            Path copy = Path.of("target", "corpus-work").toAbsolutePath();
            deleteTree(copy);
            Files.createDirectories(copy);
            try (var files = Files.walk(source)) {
                for (Path p : files.toList()) {
                    Path target = copy.resolve(source.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(target);
                    } else if (Files.size(p) < 200 && isLinkTarget(p)) {
                        Files.createSymbolicLink(target, Path.of(Files.readString(p).strip()));
                    } else {
                        Files.copy(p, target);
                    }
                }
            }
            materialized = copy;
        }
        return materialized;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static boolean isLinkTarget(Path p) throws IOException {
        String content = Files.readString(p, StandardCharsets.ISO_8859_1).strip();
        return (content.startsWith("../") || content.startsWith("./")) && !content.contains("\n")
                && Files.exists(p.resolveSibling(content));
    }

    static Path root() {
        String repo = System.getProperty("sluice.repo.root");
        Path base = repo != null ? Path.of(repo) : Path.of("..").toAbsolutePath().normalize();
        Path corpus = base.resolve("../shared/corpus").normalize();
        return Files.isDirectory(corpus.resolve("configs")) ? corpus : null;
    }

    static List<Entry> entries() throws IOException {
        Path root = root();
        if (root == null) {
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException("CI runs with shared/corpus beside the checkout, but it is missing");
            }
            // skipped, saying why, rather than failing on a parameterized test with no arguments
            return Assumptions.abort("no HAProxy corpus at ../shared/corpus beside this checkout");
        }
        List<Entry> entries = new ArrayList<>();
        for (String row : Files.readAllLines(root.resolve("verdicts.tsv"))) {
            String[] f = row.split("\t");
            if (f[0].equals("file")) {
                continue;
            }
            Path config = root.resolve("configs").resolve(f[0]);
            String out = Files.readString(root.resolve("verdicts").resolve(f[0] + ".out"), StandardCharsets.ISO_8859_1);
            entries.add(new Entry(config, Integer.parseInt(f[1]), f[4], out));
        }
        return entries;
    }

    /** The line numbers that {@code [LEVEL]} messages of {@code text} name, e.g. "ALERT". */
    static Set<Integer> lines(String text, String level) {
        Set<Integer> lines = new TreeSet<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("[" + level + "]")) {
                Matcher m = LINE.matcher(line);
                if (m.find()) {
                    lines.add(Integer.parseInt(m.group(2)));
                }
            }
        }
        return lines;
    }
}
