package dev.sluice.grammar;

import dev.sluice.grammar.syntax.Fragment;
import dev.sluice.grammar.syntax.RawWord;
import dev.sluice.grammar.syntax.SyntaxLine;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * Runs the ANTLR lexer and parser over a file's text and turns the parse tree into
 * {@link SyntaxLine}s: the only class that touches ANTLR's contexts.
 *
 * <p>The grammar accepts every token sequence the lexer can produce, so ANTLR never reports an
 * error here; should it ever do so, that is a bug, reported as an {@link IllegalStateException}
 * rather than printed.
 */
final class AstBuilder {

    private static final BaseErrorListener FAIL = new BaseErrorListener() {
        @Override
        public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line,
                int charPositionInLine, String msg, RecognitionException e) {
            throw new IllegalStateException("internal tokenizer error at " + line + ":"
                    + (charPositionInLine + 1) + ": " + msg);
        }
    };

    private final String text;
    private final int[] lineStarts;

    private AstBuilder(String text) {
        this.text = text;
        this.lineStarts = lineStarts(text);
    }

    /** Tokenizes {@code text} (one character per byte of the file) into its lines. */
    static List<SyntaxLine> lines(String text) {
        return new AstBuilder(text).build();
    }

    private List<SyntaxLine> build() {
        ConfigLexer lexer = new ConfigLexer(CharStreams.fromString(text));
        lexer.removeErrorListeners();
        lexer.addErrorListener(FAIL);
        ConfigParser parser = new ConfigParser(new CommonTokenStream(lexer));
        parser.removeErrorListeners();
        parser.addErrorListener(FAIL);
        parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
        ConfigParser.ConfigContext config = parser.config();

        List<ConfigParser.LineContext> lineContexts = config.line();
        List<SyntaxLine> lines = new ArrayList<>(lineContexts.size());
        for (int i = 0; i < lineContexts.size(); i++) {
            boolean terminated = i < lineContexts.size() - 1;
            if (!terminated && i > 0 && lineStarts[i] >= text.length()) {
                break; // the empty "line" after the final LF is not a line
            }
            lines.add(line(i + 1, lineContexts.get(i), terminated));
        }
        return lines;
    }

    private SyntaxLine line(int number, ConfigParser.LineContext ctx, boolean terminated) {
        List<RawWord> words = new ArrayList<>();
        for (ConfigParser.WordContext word : ctx.word()) {
            words.add(word(word));
        }
        TerminalNode comment = ctx.COMMENT();
        TerminalNode rest = ctx.LINE_REST();
        return new SyntaxLine(number, lineText(number), words,
                comment == null ? null : comment.getText(),
                rest == null ? null : rest.getText(),
                terminated);
    }

    private RawWord word(ConfigParser.WordContext ctx) {
        List<Fragment> fragments = new ArrayList<>(ctx.piece().size());
        for (ConfigParser.PieceContext piece : ctx.piece()) {
            fragments.add(piece(piece));
        }
        String raw = text.substring(ctx.start.getStartIndex(), ctx.stop.getStopIndex() + 1);
        return new RawWord(raw, column(ctx.start), fragments);
    }

    private Fragment piece(ConfigParser.PieceContext ctx) {
        if (ctx instanceof ConfigParser.TextContext t) {
            return new Fragment.Text(column(t.start), t.getText());
        }
        if (ctx instanceof ConfigParser.EscapeContext e) {
            return escape(e.start);
        }
        if (ctx instanceof ConfigParser.BadHexContext b) {
            return new Fragment.BadHex(column(b.start));
        }
        if (ctx instanceof ConfigParser.BackslashContext b) {
            return new Fragment.Backslash(column(b.start));
        }
        if (ctx instanceof ConfigParser.SingleQuotedContext s) {
            TerminalNode body = s.SQ_TEXT();
            return new Fragment.SingleQuoted(column(s.start), body == null ? "" : body.getText(),
                    s.SQ_CLOSE() != null);
        }
        ConfigParser.DoubleQuotedContext d = (ConfigParser.DoubleQuotedContext) ctx;
        List<Fragment> parts = new ArrayList<>(d.dqPart().size());
        for (ConfigParser.DqPartContext part : d.dqPart()) {
            parts.add(dqPart(part.start));
        }
        return new Fragment.DoubleQuoted(column(d.start), parts, d.DQ_CLOSE() != null);
    }

    private Fragment dqPart(Token token) {
        int column = column(token);
        String t = token.getText();
        switch (token.getType()) {
            case ConfigLexer.DQ_TEXT:
                return new Fragment.Text(column, t);
            case ConfigLexer.ESCAPE:
            case ConfigLexer.HEX_ESCAPE:
                return escape(token);
            case ConfigLexer.BAD_HEX:
                return new Fragment.BadHex(column);
            case ConfigLexer.BACKSLASH:
                return new Fragment.Backslash(column);
            case ConfigLexer.VAR:
                return new Fragment.Variable(column, t.substring(1), column + 1, false, false, null);
            case ConfigLexer.VAR_BRACED:
                return bracedVariable(column, t.substring(2, t.length() - 1));
            case ConfigLexer.VAR_UNCLOSED:
                return new Fragment.BadVariable(column, Fragment.BadVariable.Kind.UNMATCHED_BRACE, column + 1);
            case ConfigLexer.VAR_BAD_EXPAND:
                return new Fragment.BadVariable(column, Fragment.BadVariable.Kind.BAD_EXPANSION,
                        column + t.length() - 1);
            case ConfigLexer.VAR_BAD_NAME:
                return new Fragment.BadVariable(column, Fragment.BadVariable.Kind.FORBIDDEN_FIRST_CHAR,
                        column + t.length());
            default:
                throw new IllegalStateException("unexpected token in double quotes: " + t);
        }
    }

    /** {@code body} is what stands between <code>${</code> and <code>}</code>. */
    private static Fragment bracedVariable(int column, String body) {
        int end = nameEnd(body);
        String name = body.substring(0, end);
        boolean expand = body.startsWith("[*]", end);
        if (expand) {
            end += 3;
        }
        String defaultValue = end < body.length() ? body.substring(end + 1) : null;
        return new Fragment.Variable(column, name, column + 2, true, expand, defaultValue);
    }

    private static int nameEnd(String s) {
        int i = s.startsWith(".") ? 1 : 0;
        while (i < s.length() && (isAsciiAlnum(s.charAt(i)) || s.charAt(i) == '_')) {
            i++;
        }
        return i;
    }

    private static boolean isAsciiAlnum(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    private static Fragment escape(Token token) {
        String t = token.getText();
        char value;
        if (t.length() == 4) { // \xNN
            value = (char) Integer.parseInt(t.substring(2), 16);
        } else {
            char c = t.charAt(1);
            value = switch (c) {
                case 't' -> '\t';
                case 'n' -> '\n';
                case 'r' -> '\r';
                default -> c;
            };
        }
        return new Fragment.Escape(column(token), value);
    }

    private static int column(Token token) {
        return token.getCharPositionInLine() + 1;
    }

    private String lineText(int number) {
        int start = lineStarts[number - 1];
        int end = number < lineStarts.length ? lineStarts[number] - 1 : text.length();
        return text.substring(start, Math.max(start, end));
    }

    private static int[] lineStarts(String text) {
        int count = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                count++;
            }
        }
        int[] starts = new int[count];
        int line = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts[line++] = i + 1;
            }
        }
        return starts;
    }
}
