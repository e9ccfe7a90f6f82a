package dev.sluice.grammar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.sluice.grammar.fmt.Formatter;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random and mutated configurations: the parser never throws (every problem is a diagnostic),
 * and the formatter's output parses to the same AST as its input and formats to itself.
 */
class ParserPropertiesTest {

    private static final List<String> PIECES = List.of(
            "global", "defaults", "frontend", "backend", "listen", "peers", "crt-store", " ", "  ", "\t", "\n", "\n",
            "\r\n", "\r", "\u0000", "#", "\"", "'", "\\", "\\x", "\\x4", "\\x41", "\\ ", "$", "${", "}", "[*]", "[", "-",
            ".", "$.LINE", "${.SECTION}", "$HOME", "${UNSET-d}", "${LIST[*]}", ".if", ".elif", ".else", ".endif",
            ".notice", ".alert", "defined(HOME)", "streq(a,b)", "(", ")", "!", "&&", "||", "0", "1", "maxconn",
            "bind", ":80", "server", "a", "b", "\u00e9", "{", "if", "[scope]");

    private static final String SEED = """
            global
                log /dev/log local0
                stats socket /run/haproxy/admin.sock mode 660 level admin
            defaults
                mode http
                timeout connect 5000ms
                log-format "%ci:%cp [%tr] %ft %b/%s %{+Q}r"
            frontend web # front
                bind *:80
                http-request set-header X-Forwarded-Proto "https" if { ssl_fc }
                option httpchk GET /health HTTP/1.1\\r\\nHost:\\ api.example.com
                description 'single' "${HOME-x}" "${LIST[*]}"
            .if defined(HOME) && !streq("$HOME",/)
                default_backend web_servers
            .endif
            backend web_servers
                server web1 10.0.1.10:8080 check
            """;

    private static final Map<String, String> ENV = Map.of("HOME", "/root", "LIST", "a b  c", "EMPTY", "");

    @Provide
    Arbitrary<String> randomConfigs() {
        return Arbitraries.of(PIECES).list().ofMaxSize(120).map(l -> String.join("", l));
    }

    @Provide
    Arbitrary<String> mutatedConfigs() {
        Arbitrary<Integer> position = Arbitraries.integers().between(0, SEED.length());
        Arbitrary<String> insert = Arbitraries.of(PIECES);
        Arbitrary<Integer> deleteLength = Arbitraries.integers().between(0, 6);
        return Combinators.combine(position, insert, deleteLength).as(ParserPropertiesTest::mutate)
                .list().ofMinSize(1).ofMaxSize(8)
                .map(list -> list.get(list.size() - 1));
    }

    private static String mutate(int position, String insert, int delete) {
        int end = Math.min(SEED.length(), position + delete);
        return SEED.substring(0, position) + insert + SEED.substring(end);
    }

    @Property(tries = 1500)
    void randomTextNeverThrows(@ForAll("randomConfigs") String text) {
        checkAllVersions(text);
    }

    @Property(tries = 1500)
    void mutatedConfigsNeverThrow(@ForAll("mutatedConfigs") String text) {
        checkAllVersions(text);
    }

    private static void checkAllVersions(String text) {
        for (HaproxyVersion version : List.of(HaproxyVersion.V2_6, HaproxyVersion.V3_2, HaproxyVersion.V3_4)) {
            ParseOptions options = ParseOptions.defaults().withVersion(version).withEnv(ENV);
            assertThatCode(() -> ConfigLoader.parse("fuzz.cfg", text, options)).doesNotThrowAnyException();
            Formatter formatter = new Formatter(version);
            String formatted = formatter.format(text);
            AstPrinter structure = AstPrinter.withSpans(false);
            if (!text.contains(".LINE")) {
                assertThat(structure.print(ConfigLoader.parse("fuzz.cfg", formatted, options).config()))
                        .as("formatting keeps the AST of %s", escaped(text))
                        .isEqualTo(structure.print(ConfigLoader.parse("fuzz.cfg", text, options).config()));
            }
            assertThat(formatter.format(formatted)).as("idempotent on %s", escaped(text)).isEqualTo(formatted);
        }
    }

    private static String escaped(String s) {
        StringBuilder b = new StringBuilder();
        AstPrinter.quote(b, s);
        return b.toString();
    }
}
