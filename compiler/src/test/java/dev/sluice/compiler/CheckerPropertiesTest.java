package dev.sluice.compiler;

import static org.assertj.core.api.Assertions.assertThatCode;

import dev.sluice.grammar.HaproxyVersion;
import dev.sluice.grammar.ParseOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** Random and mutated configurations: the checker never throws, whatever it reads. */
class CheckerPropertiesTest {

    private static final List<String> PIECES = List.of("global\n", "defaults\n", "defaults base\n",
            "frontend web\n", "frontend web from base\n", "backend app\n", "listen l\n", "    bind :80\n",
            "    bind :443 ssl crt x.pem\n", "    mode http\n", "    mode tcp\n", "    mode bogus\n",
            "    default_backend app\n", "    use_backend app if { path /x }\n", "    acl a path /a\n",
            "    http-request deny if a\n", "    http-request track-sc0 src\n", "    redirect prefix /x\n",
            "    tcp-request connection accept\n", "    tcp-response content accept\n", "    timeout client 1s\n",
            "    timeout connect 1s\n", "    server s 127.0.0.1:80 check\n", "    stick-table type ip size 1k\n",
            "    option httplog\n", "    log-format \"%ci\"\n", "    filter spoe\n", "    stats socket /tmp/s\n",
            "    disabled\n", "    no option httplog\n", "\"", "'", "#", "\\", " ", "\n", "from", "x", "peers p\n",
            "    peer here 127.0.0.1:1024\n", "    table t type ip size 1k\n", ".if 1\n", ".endif\n");

    private static Path dir;

    @BeforeContainer
    static void makeDir() throws IOException {
        dir = Files.createTempDirectory("sluice-check-fuzz");
    }

    @AfterContainer
    static void removeDir() throws IOException {
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
    }

    @Provide
    Arbitrary<String> configs() {
        return Arbitraries.of(PIECES).list().ofMaxSize(40).map(l -> String.join("", l));
    }

    @Provide
    Arbitrary<String> mutated() {
        String seed = "global\n    stats socket /tmp/s\ndefaults base\n    mode http\n    timeout client 1s\n"
                + "frontend web from base\n    bind :80\n    acl a path /a\n    http-request deny if a\n"
                + "    use_backend app if { path /x }\n    default_backend app\nbackend app\n"
                + "    server s 127.0.0.1:80 check\n";
        return Combinators.combine(Arbitraries.integers().between(0, seed.length()), Arbitraries.of(PIECES),
                Arbitraries.integers().between(0, 8))
                .as((at, insert, cut) -> seed.substring(0, at) + insert + seed.substring(Math.min(seed.length(), at + cut)));
    }

    @Property(tries = 400)
    void checkingRandomConfigsNeverThrows(@ForAll("configs") String text) throws IOException {
        checkNeverThrows(text);
    }

    @Property(tries = 400)
    void checkingMutatedConfigsNeverThrows(@ForAll("mutated") String text) throws IOException {
        checkNeverThrows(text);
    }

    private static void checkNeverThrows(String text) throws IOException {
        Path file = dir.resolve("fuzz.cfg");
        Files.writeString(file, text, java.nio.charset.StandardCharsets.ISO_8859_1);
        for (HaproxyVersion v : List.of(HaproxyVersion.V2_6, HaproxyVersion.DEFAULT)) {
            CheckOptions options = CheckOptions.of(ParseOptions.defaults().withVersion(v).withEnv(Map.of()))
                    .withWorkDir(dir);
            assertThatCode(() -> new Checker(options, CheckConformanceTest.TestKeywords.forVersion(v))
                    .check(List.of(file.toString()))).doesNotThrowAnyException();
        }
    }
}
