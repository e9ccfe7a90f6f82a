package dev.sluice.grammar;

import dev.sluice.grammar.ast.SourceSpan;
import dev.sluice.grammar.ast.Word;
import dev.sluice.grammar.syntax.Fragment;
import dev.sluice.grammar.syntax.RawWord;
import dev.sluice.grammar.syntax.SyntaxLine;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a line's written words into argument values, the way HAProxy's line parser does:
 * quotes removed, escapes decoded, environment variables substituted, {@code ${NAME[*]}} split
 * into several arguments.
 *
 * <p>Two models of argument splitting exist. Up to HAProxy 3.2 every run of unquoted blanks
 * starts a new argument and an empty last argument is dropped. From 3.3 an argument exists when
 * something was written for it: an empty pair of quotes makes one (even the last), an unset
 * variable makes one, an empty {@code ${NAME[*]}} makes none.
 *
 * <p>Most lines are plain words only (no quote, escape or variable), which both models read the
 * same way: each word is its own value. {@link #plain} decodes those without the machinery.
 */
final class WordDecoder {

    /** The maximum number of words on a line, as in HAProxy. */
    static final int MAX_LINE_ARGS = 64;

    /** A tokenizer error that rejects the whole line. */
    enum ErrorKind {
        QUOTE("unmatched quote"),
        BRACE("unmatched brace in environment variable name"),
        VARNAME("forbidden first char in environment variable name"),
        HEX("truncated or invalid hexadecimal sequence"),
        WRONG_EXPAND("truncated or invalid word expansion sequence");

        final String message;

        ErrorKind(String message) {
            this.message = message;
        }
    }

    /**
     * The outcome for one line.
     *
     * @param words the arguments, in order
     * @param error the error that rejects the line, or null
     * @param errorColumn where the error points (1-based)
     * @param truncateColumn for a pseudo-variable error, HAProxy echoes the line cut at this column (else 0)
     * @param tooMany more than {@link #MAX_LINE_ARGS} words
     * @param emptyArgColumns for each argument whose value is empty, where HAProxy points at it
     */
    record Decoded(List<Word> words, ErrorKind error, int errorColumn, int truncateColumn, boolean tooMany,
            List<Integer> emptyArgColumns) {}

    private static final class Arg {
        final RawWord written;
        final int beginColumn;
        int unknownVarColumn;
        /** The value while it is one piece of text (most are); a builder once it is more. */
        private String text = "";
        private StringBuilder builder;

        Arg(RawWord written, int beginColumn) {
            this.written = written;
            this.beginColumn = beginColumn;
        }

        void append(String s) {
            if (builder != null) {
                builder.append(s);
            } else if (text.isEmpty()) {
                text = s;
            } else {
                builder = new StringBuilder(text.length() + s.length() + 16).append(text).append(s);
            }
        }

        void append(char c) {
            if (builder == null) {
                builder = new StringBuilder(text.length() + 16).append(text);
            }
            builder.append(c);
        }

        boolean isEmpty() {
            return builder != null ? builder.length() == 0 : text.isEmpty();
        }

        String value() {
            return builder != null ? builder.toString() : text;
        }
    }

    /** Where the decoder finds variables' values. */
    interface Variables {
        /**
         * The value of {@code name} on line {@code lineNumber} ({@code .LINE}, {@code .FILE} and
         * {@code .SECTION} included), null when unset; null too for an unknown pseudo-variable,
         * which {@link #isKnownPseudoVariable} tells apart.
         */
        String lookup(String name, int lineNumber);
    }

    private final boolean modern;
    private final Variables variables;
    private final String file;
    private final SyntaxLine line;

    private final List<Arg> args = new ArrayList<>();
    private Arg current;
    private RawWord word;
    private boolean tooMany;
    private boolean emptyQuote;
    private int unknownVarColumn;

    private WordDecoder(SyntaxLine line, String file, boolean modern, Variables variables) {
        this.line = line;
        this.file = file;
        this.modern = modern;
        this.variables = variables;
    }

    /** Decodes {@code line}. */
    static Decoded decode(SyntaxLine line, String file, boolean modern, Variables variables) {
        return new WordDecoder(line, file, modern, variables).run();
    }

    /**
     * The words of a plain line, as {@link #decode} gives them in either model: each is its own
     * value, never empty. Null when there are so many that a model could find too many (the older
     * one counts a trailing blank as the start of one more): {@link #decode} reports that. Needs
     * nothing but the line, so any thread may call it.
     */
    static List<Word> plain(AstBuilder.PlainLine line, String file) {
        if (line.size() >= MAX_LINE_ARGS) {
            return null;
        }
        Word[] words = new Word[line.size()];
        for (int i = 0; i < words.length; i++) {
            String word = line.word(i);
            words[i] = new Word(word, word, new SourceSpan(file, line.number(), line.column(i)));
        }
        return List.of(words);
    }

    /**
     * True when decoding {@code line} needs {@code .SECTION}: the one variable whose value depends
     * on the lines before it.
     */
    static boolean readsSection(SyntaxLine line) {
        List<RawWord> written = line.words();
        for (int w = 0; w < written.size(); w++) {
            List<Fragment> fragments = written.get(w).fragments();
            for (int f = 0; f < fragments.size(); f++) {
                if (fragments.get(f) instanceof Fragment.DoubleQuoted quoted) {
                    List<Fragment> parts = quoted.parts();
                    for (int p = 0; p < parts.size(); p++) {
                        if (parts.get(p) instanceof Fragment.Variable v && v.name().equals(".SECTION")) {
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }

    static boolean isKnownPseudoVariable(String name) {
        return name.equals(".LINE") || name.equals(".FILE") || name.equals(".SECTION");
    }

    private Decoded run() {
        List<RawWord> written = line.words();
        int quoteColumn = 0;
        for (int w = 0; w < written.size(); w++) {
            word = written.get(w);
            if (w == 0) {
                if (!modern) {
                    current = new Arg(word, word.column());
                }
            } else {
                separator();
            }
            List<Fragment> fragments = word.fragments();
            for (int i = 0; i < fragments.size(); i++) {
                Fragment f = fragments.get(i);
                Decoded failure = fragment(f);
                if (failure != null) {
                    return failure;
                }
                if (f instanceof Fragment.SingleQuoted s && !s.closed()) {
                    quoteColumn = s.column();
                } else if (f instanceof Fragment.DoubleQuoted d && !d.closed()) {
                    quoteColumn = d.column();
                }
            }
        }
        if (!written.isEmpty() && !modern && endsWithBlank()) {
            word = null;
            separator();
        }
        finish();
        if (quoteColumn > 0) {
            return failure(ErrorKind.QUOTE, quoteColumn, 0);
        }
        return new Decoded(words(), null, 0, 0, tooMany, emptyArgColumns());
    }

    private Decoded fragment(Fragment f) {
        if (f instanceof Fragment.Text t) {
            emitAll(t.column(), t.text());
        } else if (f instanceof Fragment.Escape e) {
            emit(e.column(), e.value());
        } else if (f instanceof Fragment.Backslash b) {
            emit(b.column(), '\\');
        } else if (f instanceof Fragment.BadHex b) {
            return failure(ErrorKind.HEX, b.column(), 0);
        } else if (f instanceof Fragment.SingleQuoted s) {
            emptyQuote = true;
            emitAll(s.column() + 1, s.text());
            closeQuote(s.closed(), s.column() + 1 + s.text().length());
        } else if (f instanceof Fragment.DoubleQuoted d) {
            emptyQuote = true;
            int end = d.column() + 1;
            List<Fragment> parts = d.parts();
            for (int i = 0; i < parts.size(); i++) {
                Fragment part = parts.get(i);
                Decoded failure = fragment(part);
                if (failure != null) {
                    return failure;
                }
                end = part.column();
            }
            closeQuote(d.closed(), end);
        } else if (f instanceof Fragment.Variable v) {
            return variable(v);
        } else if (f instanceof Fragment.BadVariable b) {
            ErrorKind kind = switch (b.kind()) {
                case FORBIDDEN_FIRST_CHAR -> ErrorKind.VARNAME;
                case UNMATCHED_BRACE -> ErrorKind.BRACE;
                case BAD_EXPANSION -> ErrorKind.WRONG_EXPAND;
            };
            return failure(kind, b.errorColumn(), 0);
        }
        return null;
    }

    private void closeQuote(boolean closed, int closingColumn) {
        if (closed && emptyQuote && modern && current == null) {
            begin(closingColumn);
        }
    }

    private Decoded variable(Fragment.Variable v) {
        String value;
        if (v.name().startsWith(".")) {
            if (!isKnownPseudoVariable(v.name())) {
                return failure(ErrorKind.VARNAME, v.nameColumn(), v.nameColumn() + v.name().length());
            }
            value = variables.lookup(v.name(), line.number());
        } else {
            value = variables.lookup(v.name(), line.number());
        }
        if (v.defaultValue() != null) {
            if (value == null) {
                value = v.defaultValue();
            }
            unknownVarColumn = 0;
        }
        if (v.expand()) {
            emptyQuote = false;
        }
        if (value != null) {
            unknownVarColumn = 0;
            int i = 0;
            while (i < value.length()) {
                char c = value.charAt(i);
                if (v.expand() && isSpace(c)) {
                    split();
                    while (i < value.length() && isSpace(value.charAt(i))) {
                        i++;
                    }
                } else {
                    emit(v.column(), c);
                    i++;
                }
            }
        } else if (!v.expand() && modern) {
            if (current == null) {
                begin(v.column());
            }
            if (unknownVarColumn == 0) {
                unknownVarColumn = v.nameColumn();
            }
            current.unknownVarColumn = unknownVarColumn;
        } else if (!v.expand() && current != null && current.unknownVarColumn == 0) {
            current.unknownVarColumn = v.nameColumn();
        }
        return null;
    }

    /** Emits a run of text: all of it goes to the same argument. */
    private void emitAll(int column, String text) {
        if (text.isEmpty()) {
            return;
        }
        emptyQuote = false;
        if (current == null) {
            begin(column);
        }
        current.append(text);
    }

    private void emit(int column, char c) {
        emptyQuote = false;
        if (current == null) {
            begin(column);
        }
        current.append(c);
    }

    private void begin(int column) {
        if (args.size() >= MAX_LINE_ARGS) {
            tooMany = true;
        }
        current = new Arg(word, column);
        current.unknownVarColumn = unknownVarColumn;
    }

    /** An unquoted blank between written words. */
    private void separator() {
        if (modern) {
            endArg();
        } else {
            args.add(current);
            if (args.size() >= MAX_LINE_ARGS) {
                tooMany = true;
            }
            current = new Arg(word, word == null ? 0 : word.column());
        }
    }

    /** A blank inside the value of a {@code ${NAME[*]}} expansion. */
    private void split() {
        if (modern) {
            endArg();
        } else {
            args.add(current);
            if (args.size() >= MAX_LINE_ARGS) {
                tooMany = true;
            }
            current = new Arg(word, word.column());
        }
    }

    private void endArg() {
        if (current != null) {
            args.add(current);
            current = null;
        }
    }

    private void finish() {
        if (modern) {
            endArg();
        } else if (current != null) {
            if (!current.isEmpty()) {
                args.add(current);
            }
            current = null;
        }
    }

    private boolean endsWithBlank() {
        RawWord last = line.words().get(line.words().size() - 1);
        int after = last.column() - 1 + last.raw().length();
        return after < line.text().length() && SyntaxLine.isBlank(line.text().charAt(after));
    }

    private List<Word> words() {
        Word[] words = new Word[args.size()];
        for (int i = 0; i < words.length; i++) {
            Arg a = args.get(i);
            RawWord w = a.written != null ? a.written : line.words().get(line.words().size() - 1);
            words[i] = new Word(a.value(), w.raw(), new SourceSpan(file, line.number(), w.column()));
        }
        return List.of(words);
    }

    private List<Integer> emptyArgColumns() {
        List<Integer> columns = new ArrayList<>(args.size());
        for (int i = 0; i < args.size(); i++) {
            Arg a = args.get(i);
            if (a.isEmpty()) {
                columns.add(a.unknownVarColumn > 0 ? a.unknownVarColumn : Math.max(1, a.beginColumn));
            } else {
                columns.add(0);
            }
        }
        return columns;
    }

    private Decoded failure(ErrorKind kind, int column, int truncateColumn) {
        return new Decoded(List.of(), kind, column, truncateColumn, false, List.of());
    }

    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

}
