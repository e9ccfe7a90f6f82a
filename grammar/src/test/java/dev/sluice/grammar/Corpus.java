package dev.sluice.grammar;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The conformance corpus beside the repository ({@code ../shared/corpus}): configurations from
 * HAProxy's own repository with what HAProxy 2.6 printed for each.
 */
final class Corpus {

    private Corpus() {}

    /** The corpus folder, or null when this checkout has none beside it. */
    static Path root() {
        String repo = System.getProperty("sluice.repo.root");
        Path base = repo != null ? Path.of(repo) : Path.of("..").toAbsolutePath().normalize();
        Path corpus = base.resolve("../shared/corpus").normalize();
        return Files.isDirectory(corpus.resolve("configs")) ? corpus : null;
    }

    static List<Path> configs() throws IOException {
        Path root = root();
        if (root == null) {
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException("CI runs with shared/corpus beside the checkout, but it is missing");
            }
            return List.of();
        }
        try (Stream<Path> s = Files.list(root.resolve("configs"))) {
            return s.filter(p -> p.toString().endsWith(".cfg")).sorted().toList();
        }
    }

    /** What HAProxy 2.6 printed for {@code config}. */
    static String verdict(Path config) throws IOException {
        return ConfigLoader.read(config.getParent().resolveSibling("verdicts").resolve(config.getFileName() + ".out"));
    }
}
