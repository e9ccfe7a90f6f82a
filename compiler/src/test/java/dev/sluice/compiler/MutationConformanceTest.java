package dev.sluice.compiler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code sluice -c --target-version 2.6} beside the installed {@code haproxy -c} (2.6) on
 * configurations that no one wrote: valid samples and corpus files, each changed a little at
 * random (a directive from another file inserted, a last word dropped, a line deleted or moved to
 * another section, a number corrupted), as a user's mistakes change them. The same exit code and
 * the same lines named in errors, for a fixed set of seeds so that a run is reproducible. Run in
 * the corpus work directory, where the corpus files' relative paths resolve. Skipped, saying so,
 * when HAProxy 2.6 is not installed.
 */
class MutationConformanceTest {

    private static final long SEED = 2_6_12L;
    private static final int COUNT = 150;

    /**
     * Mutated configurations on which Sluice and HAProxy still disagree, by case name, with why. A
     * listed case that starts agreeing fails the test, so that the list only shrinks.
     */
    private static final Map<String, String> KNOWN = Map.of();

    private static final Set<String> SECTIONS = Set.of("global", "defaults", "frontend", "backend", "listen", "peers",
            "resolvers", "userlist", "cache", "http-errors", "ring", "mailers", "program", "log-forward");
    private static final Pattern NUMBER = Pattern.compile("\\b(\\d+)(ms|s|m)?\\b");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private static String haproxyVersion = "";

    @BeforeAll
    static void findHaproxy() {
        haproxyVersion = LiveConformanceTest.haproxyVersion();
    }

    /** One mutated configuration: where it was written, and the file it was made from. */
    record Case(String name, Path config, Path workDir, String base) {
        @Override
        public String toString() {
            return name + " (from " + base + ")";
        }
    }

    /** A section: its header line and its directives, as the mutations see them. */
    private record Block(String header, List<String> body) {}

    static List<Case> cases() throws IOException {
        if (Corpus.root() == null) {
            Corpus.entries(); // fails in CI, skips (saying why) elsewhere
            return List.of();
        }
        List<Path> sources = new ArrayList<>();
        String repo = System.getProperty("sluice.repo.root");
        Path samples = (repo != null ? Path.of(repo) : Path.of("..")).resolve("samples");
        try (Stream<Path> s = Files.walk(samples)) {
            s.filter(p -> p.toString().endsWith(".cfg")).sorted().forEach(sources::add);
        }
        int sampleCount = sources.size();
        Path workDir = Corpus.workDir();
        for (Corpus.Entry e : Corpus.entries()) {
            if (e.verdictClass().equals("ok")) {
                sources.add(workDir.resolve("configs").resolve(e.config().getFileName()));
            }
        }
        Random random = new Random(SEED);
        List<String[]> pool = new ArrayList<>();
        for (Path p : sources.subList(0, Math.min(120, sources.size()))) {
            for (Block b : parse(p)) {
                for (String d : b.body()) {
                    pool.add(new String[] {b.header(), d});
                }
            }
        }
        List<Path> bases = new ArrayList<>(sources.subList(0, sampleCount));
        List<Path> corpus = new ArrayList<>(sources.subList(sampleCount, sources.size()));
        for (int i = 0; i < 40 && !corpus.isEmpty(); i++) {
            bases.add(corpus.remove(random.nextInt(corpus.size())));
        }
        Path dir = Files.createDirectories(workDir.resolve("mutations"));
        List<Case> cases = new ArrayList<>();
        for (int n = 0; n < COUNT; n++) {
            Path base = bases.get(random.nextInt(bases.size()));
            List<Block> blocks = mutate(parse(base), pool, random);
            Path config = dir.resolve("m" + n + ".cfg");
            Files.writeString(config, render(blocks), StandardCharsets.ISO_8859_1);
            cases.add(new Case("m" + n, config, workDir, base.getFileName().toString()));
        }
        return cases;
    }

    /** The sections of a configuration, without comments, blank lines and conditional blocks' lines. */
    private static List<Block> parse(Path path) throws IOException {
        List<Block> blocks = new ArrayList<>();
        Block current = null;
        for (String line : Files.readAllLines(path, StandardCharsets.ISO_8859_1)) {
            String s = line.strip();
            if (s.isEmpty() || s.startsWith("#") || s.startsWith(".")) {
                continue;
            }
            if (SECTIONS.contains(SPACES.split(s, 2)[0])) {
                current = new Block(s, new ArrayList<>());
                blocks.add(current);
            } else if (current != null) {
                current.body().add(s);
            }
        }
        return blocks;
    }

    private static List<Block> mutate(List<Block> blocks, List<String[]> pool, Random random) {
        int changes = 1 + random.nextInt(3);
        for (int c = 0; c < changes && !blocks.isEmpty(); c++) {
            double k = random.nextDouble();
            List<String> body = blocks.get(random.nextInt(blocks.size())).body();
            if (k < 0.35) {
                body.add(random.nextInt(body.size() + 1), pool.get(random.nextInt(pool.size()))[1]);
            } else if (body.isEmpty()) {
                continue;
            } else if (k < 0.55) {
                int i = random.nextInt(body.size());
                String[] words = SPACES.split(body.get(i));
                if (words.length > 1) {
                    body.set(i, String.join(" ", List.of(words).subList(0, words.length - 1)));
                }
            } else if (k < 0.7) {
                body.remove(random.nextInt(body.size()));
            } else if (k < 0.85) {
                String moved = body.remove(random.nextInt(body.size()));
                List<String> target = blocks.get(random.nextInt(blocks.size())).body();
                target.add(random.nextInt(target.size() + 1), moved);
            } else {
                int i = random.nextInt(body.size());
                body.set(i, corruptNumber(body.get(i), random));
            }
        }
        return blocks;
    }

    /** The first number or time of a line, made into what a slip of the keyboard makes of it. */
    private static String corruptNumber(String line, Random random) {
        Matcher m = NUMBER.matcher(line);
        if (!m.find()) {
            return line;
        }
        String n = m.group(1);
        String[] choices = {"x" + n, n + "q", "-" + n, "99999999999"};
        return line.substring(0, m.start()) + choices[random.nextInt(choices.length)] + line.substring(m.end());
    }

    private static String render(List<Block> blocks) {
        StringBuilder out = new StringBuilder();
        for (Block b : blocks) {
            out.append(b.header()).append('\n');
            for (String d : b.body()) {
                out.append("    ").append(d).append('\n');
            }
        }
        return out.toString();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void sameVerdictAndErrorLinesAsHaproxy(Case c) throws Exception {
        assumeThat(haproxyVersion).as("HAProxy 2.6 installed (haproxy -v)").startsWith("2.6");
        String theirs = LiveConformanceTest.runHaproxy(c.config(), c.workDir());
        int theirCode = Integer.parseInt(theirs.substring(0, theirs.indexOf('\n')));

        LiveConformanceTest.SluiceRun run = LiveConformanceTest.sluice(c.config(), c.workDir());
        CheckResult result = run.result();
        String ours = run.output();
        boolean agree = result.verdict().exitCode() == theirCode
                && Corpus.lines(ours, "ALERT").equals(Corpus.lines(theirs, "ALERT"));
        String known = KNOWN.get(c.name());
        if (known != null) {
            assertThat(agree).as("%s is listed as disagreeing (%s) but agrees now: take it off the list", c, known)
                    .isFalse();
            return;
        }
        assertThat(result.verdict().exitCode()).as("exit code; ours:%n%s%nHAProxy's:%n%s", ours, theirs)
                .isEqualTo(theirCode);
        assertThat(Corpus.lines(ours, "ALERT")).as("lines named in errors; ours:%n%s%nHAProxy's:%n%s",
                ours, theirs).isEqualTo(Corpus.lines(theirs, "ALERT"));
    }
}
