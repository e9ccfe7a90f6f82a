import dev.sluice.grammar.ConfigLexer;
import dev.sluice.grammar.ConfigLoader;
import dev.sluice.grammar.HaproxyVersion;
import dev.sluice.grammar.ParseOptions;
import java.nio.file.Path;
import java.util.List;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;

/**
 * One measurement in a fresh JVM, for bench/run-cold-bench.sh: prints {@code MODE MS}. Several
 * modes, comma-separated, run one after the other (to make a class-data archive of all three).
 *
 * <ul>
 *   <li>{@code lex}: the ANTLR lexer alone, as ANTLR runs it ({@code CharStreams.fromString},
 *       {@code nextToken()} until EOF), on the file's text read beforehand;</li>
 *   <li>{@code lines}: {@link ConfigLoader#syntaxLines} on that text;</li>
 *   <li>{@code load}: {@link ConfigLoader#load} of the file, target HAProxy 2.6, reading
 *       included.</li>
 * </ul>
 */
public final class ColdLoad {

    public static void main(String[] args) throws Exception {
        for (String mode : args[0].split(",")) {
            measure(mode, args[1]);
        }
    }

    private static void measure(String mode, String file) throws Exception {
        ParseOptions options = ParseOptions.defaults().withVersion(HaproxyVersion.V2_6);
        String text = mode.equals("load") ? null : ConfigLoader.read(Path.of(file));
        long start = System.nanoTime();
        switch (mode) {
            case "lex" -> {
                ConfigLexer lexer = new ConfigLexer(CharStreams.fromString(text));
                while (lexer.nextToken().getType() != Token.EOF) {
                    // Counting is not needed: the loop is the measure.
                }
            }
            case "lines" -> ConfigLoader.syntaxLines(text);
            case "load" -> ConfigLoader.load(List.of(file), options);
            default -> throw new IllegalArgumentException("mode: lex, lines or load, not " + mode);
        }
        long micros = (System.nanoTime() - start) / 1000;
        System.out.println(mode + " " + micros / 1000 + "." + micros / 100 % 10);
    }
}
