package dev.sluice.grammar;

import dev.sluice.grammar.syntax.Fragment;
import dev.sluice.grammar.syntax.RawWord;
import dev.sluice.grammar.syntax.SyntaxLine;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenSource;

/**
 * Runs the ANTLR lexer ({@code ConfigLexer.g4}) over a file's text and groups its tokens into
 * {@link SyntaxLine}s: the only class that touches ANTLR.
 *
 * <p>A file is {@code (line NEWLINE)* line EOF}, a line is
 * {@code BLANK? (word (BLANK word)* BLANK?)? COMMENT? LINE_REST?}, a word is a run of fragments
 * (text, escapes, quoted strings). That structure is walked here directly over the token stream:
 * an ANTLR parser for it cost twenty times the lexing. The lexer never fails; should it ever
 * report an error, that is a bug, raised as an {@link IllegalStateException} rather than printed.
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
    private TokenSource tokens;
    private Token next;

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
        tokens = lexer;
        next = lexer.nextToken();

        List<SyntaxLine> lines = new ArrayList<>(lineStarts.length);
        int number = 1;
        while (true) {
            boolean more = line(number, lines);
            if (!more) {
                break;
            }
            number++;
        }
        return lines;
    }

    private Token take() {
        Token t = next;
        next = tokens.nextToken();
        return t;
    }

    /**
     * Reads one line: {@code BLANK? (word (BLANK word)* BLANK?)? COMMENT? LINE_REST? (NEWLINE | EOF)}.
     * Returns false at the end of the input.
     */
    private boolean line(int number, List<SyntaxLine> lines) {
        List<RawWord> words = new ArrayList<>();
        String comment = null;
        String rest = null;
        boolean empty = next.getType() == Token.EOF;
        while (true) {
            int type = next.getType();
            if (type == Token.EOF || type == ConfigLexer.NEWLINE) {
                break;
            } else if (type == ConfigLexer.BLANK) {
                take();
            } else if (type == ConfigLexer.COMMENT) {
                comment = take().getText();
            } else if (type == ConfigLexer.LINE_REST) {
                rest = take().getText();
            } else {
                words.add(word());
            }
        }
        boolean terminated = take().getType() == ConfigLexer.NEWLINE;
        if (!(empty && !terminated && lineStarts[number - 1] >= text.length())) {
            lines.add(new SyntaxLine(number, lineText(number), words, comment, rest, terminated));
        }
        return terminated;
    }

    /** A word: the fragments up to the next blank, comment or end of line. */
    private RawWord word() {
        int start = next.getStartIndex();
        int column = column(next);
        List<Fragment> fragments = new ArrayList<>(2);
        int stop = start;
        while (true) {
            int type = next.getType();
            if (type == Token.EOF || type == ConfigLexer.NEWLINE || type == ConfigLexer.BLANK
                    || type == ConfigLexer.COMMENT || type == ConfigLexer.LINE_REST) {
                break;
            }
            Token t = take();
            stop = t.getStopIndex();
            switch (type) {
                case ConfigLexer.TEXT -> fragments.add(new Fragment.Text(column(t), t.getText()));
                case ConfigLexer.ESCAPE, ConfigLexer.HEX_ESCAPE -> fragments.add(escape(t));
                case ConfigLexer.BAD_HEX -> fragments.add(new Fragment.BadHex(column(t)));
                case ConfigLexer.BACKSLASH -> fragments.add(new Fragment.Backslash(column(t)));
                case ConfigLexer.SQ_OPEN -> {
                    String body = "";
                    if (next.getType() == ConfigLexer.SQ_TEXT) {
                        Token b = take();
                        body = b.getText();
                        stop = b.getStopIndex();
                    }
                    boolean closed = next.getType() == ConfigLexer.SQ_CLOSE;
                    if (closed) {
                        stop = take().getStopIndex();
                    }
                    fragments.add(new Fragment.SingleQuoted(column(t), body, closed));
                }
                case ConfigLexer.DQ_OPEN -> {
                    List<Fragment> parts = new ArrayList<>(1);
                    while (isDoubleQuotedPart(next.getType())) {
                        Token p = take();
                        stop = p.getStopIndex();
                        parts.add(dqPart(p));
                    }
                    boolean closed = next.getType() == ConfigLexer.DQ_CLOSE;
                    if (closed) {
                        stop = take().getStopIndex();
                    }
                    fragments.add(new Fragment.DoubleQuoted(column(t), parts, closed));
                }
                default -> throw new IllegalStateException("internal tokenizer error: unexpected "
                        + ConfigLexer.VOCABULARY.getSymbolicName(type) + " at " + t.getLine() + ":" + column(t));
            }
        }
        return new RawWord(text.substring(start, stop + 1), column, fragments);
    }

    private static boolean isDoubleQuotedPart(int type) {
        return switch (type) {
            case ConfigLexer.DQ_TEXT, ConfigLexer.ESCAPE, ConfigLexer.HEX_ESCAPE, ConfigLexer.BAD_HEX,
                    ConfigLexer.BACKSLASH, ConfigLexer.VAR, ConfigLexer.VAR_BRACED, ConfigLexer.VAR_UNCLOSED,
                    ConfigLexer.VAR_BAD_EXPAND, ConfigLexer.VAR_BAD_NAME -> true;
            default -> false;
        };
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
