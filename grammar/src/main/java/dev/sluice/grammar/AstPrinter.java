package dev.sluice.grammar;

import dev.sluice.grammar.ast.Config;
import dev.sluice.grammar.ast.ConfigFile;
import dev.sluice.grammar.ast.Directive;
import dev.sluice.grammar.ast.Section;
import dev.sluice.grammar.ast.SourceSpan;
import dev.sluice.grammar.ast.Word;
import java.util.List;

/**
 * A readable dump of the AST, one line per section and directive, each word's value quoted with
 * Java escapes and followed by its written form when that differs:
 * <pre>
 * file haproxy.cfg
 * section @1:1 "global"
 *   @2:5 "log" "/dev/log" "local0"
 *   @3:5 "option" "httpchk" "GET /x"&lt;-"\"GET /x\""
 * </pre>
 * What golden tests compare; {@code withSpans(false)} leaves positions out, for comparing the
 * structure of two parses.
 */
public final class AstPrinter {

    private final boolean spans;

    private AstPrinter(boolean spans) {
        this.spans = spans;
    }

    public static AstPrinter withSpans(boolean spans) {
        return new AstPrinter(spans);
    }

    public String print(Config config) {
        StringBuilder out = new StringBuilder();
        for (ConfigFile file : config.files()) {
            out.append("file ").append(file.path()).append('\n');
            for (Section section : file.sections()) {
                out.append("section");
                span(out, section.span());
                words(out, section.header());
                out.append('\n');
                for (Directive d : section.directives()) {
                    out.append(' ');
                    span(out, d.span());
                    words(out, d.words());
                    out.append('\n');
                }
            }
        }
        return out.toString();
    }

    private void span(StringBuilder out, SourceSpan span) {
        if (spans) {
            out.append(" @").append(span.line()).append(':').append(span.column());
        }
    }

    private static void words(StringBuilder out, List<Word> words) {
        for (Word w : words) {
            out.append(' ');
            quote(out, w.value());
            if (!w.isPlain()) {
                out.append("<-");
                quote(out, w.raw());
            }
        }
    }

    /** Appends {@code s} between double quotes, with Java escapes for quotes, backslashes and control bytes. */
    static void quote(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c >= 0x7f) {
                        out.append(String.format("\\x%02x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
