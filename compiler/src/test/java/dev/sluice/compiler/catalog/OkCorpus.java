package dev.sluice.compiler.catalog;

import dev.sluice.grammar.ConfigLoader;
import dev.sluice.grammar.HaproxyVersion;
import dev.sluice.grammar.ParseOptions;
import dev.sluice.grammar.ast.Section;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The configurations of the conformance corpus ({@code ../shared/corpus}) that HAProxy 2.6.12
 * accepted (class {@code ok} in {@code verdicts.tsv}), parsed for HAProxy 2.6.
 */
final class OkCorpus {

    /** One accepted configuration and its sections. */
    record Config(String name, List<Section> sections) {}

    private static List<Config> configs;

    private OkCorpus() {}

    /** The corpus folder, or null when this checkout has none beside it. */
    static Path root() {
        String repo = System.getProperty("sluice.repo.root");
        Path base = repo != null ? Path.of(repo) : Path.of("..").toAbsolutePath().normalize();
        Path corpus = base.resolve("../shared/corpus").normalize();
        return Files.isRegularFile(corpus.resolve("verdicts.tsv")) ? corpus : null;
    }

    static synchronized List<Config> configs() throws IOException {
        if (configs != null) {
            return configs;
        }
        Path root = root();
        if (root == null) {
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException("CI runs with shared/corpus beside the checkout, but it is missing");
            }
            configs = List.of();
            return configs;
        }
        List<Config> out = new ArrayList<>();
        for (String line : Files.readAllLines(root.resolve("verdicts.tsv"))) {
            String[] f = line.split("\t");
            if (f.length < 5 || !f[4].equals("ok")) {
                continue;
            }
            Path p = root.resolve("configs").resolve(f[0]);
            var result = ConfigLoader.parse(f[0], ConfigLoader.read(p),
                    ParseOptions.defaults().withVersion(HaproxyVersion.V2_6));
            out.add(new Config(f[0], result.config().sections().toList()));
        }
        configs = List.copyOf(out);
        return configs;
    }
}
