package dev.sluice.grammar;

import dev.sluice.grammar.ast.ConfigFile;
import dev.sluice.grammar.ast.Directive;
import dev.sluice.grammar.ast.Section;
import dev.sluice.grammar.ast.SourceSpan;
import dev.sluice.grammar.ast.Word;
import dev.sluice.grammar.diag.Caret;
import dev.sluice.grammar.diag.Diagnostic;
import dev.sluice.grammar.diag.Severity;
import dev.sluice.grammar.syntax.SyntaxLine;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one file's lines in order, as HAProxy's configuration reader does: decodes each line's
 * words, runs the conditional blocks ({@code .if}/{@code .elif}/{@code .else}/{@code .endif}) and
 * the message directives ({@code .diag}, {@code .notice}, {@code .warning}, {@code .alert}),
 * and groups the remaining lines into sections.
 *
 * <p>Most of the work needs nothing of what was read before a line, and is done on the threads
 * that lex the file ({@link AstBuilder}): decoding the words of every line but those that use
 * {@code .SECTION}, and, for a line of plain words (most lines), making its directive. What is
 * left to do in order is to put each line where it belongs.
 */
final class ConfigReader implements WordDecoder.Variables {

    /** HAProxy refuses deeper nesting of {@code .if} blocks. */
    static final int MAX_NESTED_CONDITIONS = 100;
    private static final int MAX_FATAL = 50;

    private enum Cond { IF_TAKE, IF_DROP, IF_SKIP, ELIF_TAKE, ELIF_DROP, ELIF_SKIP, ELSE_TAKE, ELSE_DROP }

    /** How reading a file ends early. */
    private enum Stop {
        /** Stop reading, still report what is left open at the end of the file. */
        BREAK,
        /** Abandon the file at once. */
        ABORT
    }

    /** A line as the reader gets it. */
    private sealed interface Line permits Plain, Written {
        int number();
    }

    /**
     * A line of plain words (no quote, escape or variable), decoded.
     *
     * @param directive the directive it makes; null when it opens a section or has no word
     */
    private record Plain(int number, List<Word> words, Directive directive) implements Line {}

    /**
     * Any other line.
     *
     * @param decoded its words, decoded; null when that needs the lines before it
     */
    private record Written(SyntaxLine syntax, WordDecoder.Decoded decoded) implements Line {
        @Override
        public int number() {
            return syntax.number();
        }
    }

    /**
     * Makes the reader's lines as the file is lexed, decoding what does not depend on the lines
     * before; also the variables' values, but for {@code .SECTION}.
     */
    private static final class EarlyDecoder implements AstBuilder.LineMapper<Line>, WordDecoder.Variables {

        private final String file;
        private final ParseOptions options;
        private final List<String> files;

        EarlyDecoder(String file, ParseOptions options, List<String> files) {
            this.file = file;
            this.options = options;
            this.files = files;
        }

        /** Scopes are not decoded; {@code .SECTION} needs the lines before. */
        @Override
        public Line map(SyntaxLine line) {
            if (isScope(line) || WordDecoder.readsSection(line)) {
                return new Written(line, null);
            }
            return new Written(line, WordDecoder.decode(line, file, options.quotesMakeArguments(), this));
        }

        /** Null for what depends on the lines before: a {@code .} directive, or a scope. */
        @Override
        public Line plain(AstBuilder.PlainLine line) {
            List<Word> words = WordDecoder.plain(line, file);
            if (words == null) {
                return null;
            }
            if (words.isEmpty()) {
                return new Plain(line.number(), words, null);
            }
            String keyword = words.get(0).value();
            if (keyword.charAt(0) == '.' || keyword.charAt(0) == '[') {
                return null;
            }
            Directive directive = SectionKeywords.isSection(keyword, options.version())
                    ? null
                    : new Directive(words, words.get(0).span());
            return new Plain(line.number(), words, directive);
        }

        @Override
        public String lookup(String name, int lineNumber) {
            return switch (name) {
                case ".LINE" -> Integer.toString(lineNumber);
                case ".FILE" -> file;
                case ".SECTION" -> throw new IllegalStateException(".SECTION is read in order");
                default -> {
                    if (name.startsWith(".")) {
                        yield null;
                    }
                    String predefined = PredefinedVariables.lookup(name, options, files);
                    yield predefined != null ? predefined : options.env().get(name);
                }
            };
        }
    }

    private final String file;
    private final List<Line> lines;
    private final EarlyDecoder early;
    private final ParseOptions options;
    private final List<Diagnostic> diagnostics;

    private final List<Section> sections = new ArrayList<>();
    private List<Word> sectionHeader;
    private List<Directive> sectionDirectives;
    private String sectionLabel;
    private final Cond[] conds = new Cond[MAX_NESTED_CONDITIONS + 1];
    private int level;
    private int fatal;
    private boolean warnedEmptyArgument;

    private ConfigReader(String file, List<Line> lines, EarlyDecoder early, ParseOptions options,
            List<Diagnostic> diagnostics) {
        this.file = file;
        this.lines = lines;
        this.early = early;
        this.options = options;
        this.diagnostics = diagnostics;
    }

    /**
     * Reads {@code text}, the contents of {@code file}, appending diagnostics to {@code diagnostics};
     * {@code files} are all the files of the configuration (for {@code HAPROXY_CFGFILES}).
     */
    static ConfigFile read(String file, String text, ParseOptions options, List<String> files,
            List<Diagnostic> diagnostics) {
        EarlyDecoder early = new EarlyDecoder(file, options, files);
        return new ConfigReader(file, AstBuilder.lines(text, early), early, options, diagnostics).run();
    }

    private ConfigFile run() {
        Stop stop = null;
        int lastLine = 0;
        for (int i = 0; i < lines.size() && stop == null; i++) {
            Line next = lines.get(i);
            lastLine = next.number();
            if (fatal >= MAX_FATAL) {
                alert(next.number(), "too many fatal errors (" + fatal + "), stopping now.");
                stop = Stop.BREAK;
                break;
            }
            if (next instanceof Plain plain) {
                plain(plain);
                continue;
            }
            Written written = (Written) next;
            SyntaxLine line = written.syntax();
            stop = line(line, written.decoded());
            if (stop == null && hasNul(line) && i + 1 < lines.size()) {
                alert(line.number(), "Stray NUL character at position " + (line.text().indexOf('\0') + 1) + ".");
                stop = Stop.BREAK;
            }
        }
        closeSection();
        if (stop != Stop.ABORT) {
            // A plain line ends with LF and has no NUL.
            if (stop == null && !lines.isEmpty() && lines.get(lines.size() - 1) instanceof Written written) {
                SyntaxLine last = written.syntax();
                if (!last.terminated() || hasNul(last)) {
                    int nul = last.text().indexOf('\0');
                    int position = (nul >= 0 ? nul : last.text().length()) + 1;
                    alert(last.number(), "Missing LF on last line, file might have been truncated at position "
                            + position + ".");
                }
            }
            if (level > 0) {
                alert(lastLine, "non-terminated '.if' block.");
            }
        }
        return new ConfigFile(file, sections);
    }

    private static boolean hasNul(SyntaxLine line) {
        return line.rest() != null && line.rest().indexOf('\0') >= 0;
    }

    /**
     * A plain line: decoded, its directive made, as it was lexed. Most lines are directives, read
     * here without touching their words (a big file's lines are not in the processor's cache).
     */
    private void plain(Plain line) {
        Directive directive = line.directive();
        if (directive != null) {
            if (skipping()) {
                return;
            }
            if (sectionHeader == null) {
                alert(line.number(), "unknown keyword '" + directive.keyword() + "' out of section.");
                fatal++;
            } else {
                sectionDirectives.add(directive);
            }
        } else if (!line.words().isEmpty() && !skipping()) {
            openSection(line.words());
        }
    }

    /**
     * Handles one line, given its words when they were decoded as it was lexed; returns how
     * reading stops, or null to go on.
     */
    private Stop line(SyntaxLine line, WordDecoder.Decoded early) {
        if (isScope(line)) {
            scope(line, line.indent());
            return null;
        }
        WordDecoder.Decoded decoded = early != null
                ? early
                : WordDecoder.decode(line, file, options.quotesMakeArguments(), this);
        if (decoded.error() != null) {
            String shownLine = decoded.truncateColumn() > 0
                    ? line.text().substring(0, decoded.truncateColumn() - 1)
                    : line.text();
            caretAlert(line, shownLine, decoded.error().message, decoded.errorColumn());
            fatal++;
            return null;
        }
        List<Word> words = decoded.words();
        if (decoded.tooMany()) {
            int position = 1;
            for (int i = 0; i < WordDecoder.MAX_LINE_ARGS - 1; i++) {
                position += words.get(i).value().length() + 1;
            }
            alert(line.number(), "too many words, truncating after word " + WordDecoder.MAX_LINE_ARGS
                    + ", position " + position + ": <" + words.get(WordDecoder.MAX_LINE_ARGS - 1).value() + ">.");
            fatal++;
            return null;
        }
        if (words.isEmpty() || words.get(0).value().isEmpty()) {
            return null;
        }
        String keyword = words.get(0).value();
        if (keyword.startsWith(".")) {
            Stop stop = conditional(line, keyword, words);
            if (stop != null || isConditional(keyword)) {
                return stop;
            }
        }
        if (skipping()) {
            return null;
        }
        if (keyword.startsWith(".")) {
            return message(line, keyword, words);
        }
        if (options.rejectsEmptyArguments() && emptyArgument(line, decoded)) {
            fatal++;
            return null;
        }
        if (SectionKeywords.isSection(keyword, options.version())) {
            openSection(words);
        } else if (sectionHeader == null) {
            alert(line.number(), "unknown keyword '" + keyword + "' out of section.");
            fatal++;
        } else {
            sectionDirectives.add(new Directive(words, words.get(0).span()));
        }
        return null;
    }

    private void openSection(List<Word> header) {
        closeSection();
        sectionHeader = header;
        sectionDirectives = new ArrayList<>();
        String name = header.size() > 1 ? header.get(1).value() : "";
        sectionLabel = name.isEmpty() ? header.get(0).value() : name;
    }

    @Override
    public String lookup(String name, int lineNumber) {
        return name.equals(".SECTION") ? sectionLabel : early.lookup(name, lineNumber);
    }

    /** A line whose first character after the blanks is '[' declares a scope. */
    private static boolean isScope(SyntaxLine line) {
        int indent = line.indent();
        return indent < line.text().length() && line.text().charAt(indent) == '[';
    }

    private void closeSection() {
        if (sectionHeader != null) {
            sections.add(new Section(sectionHeader, sectionDirectives, sectionHeader.get(0).span()));
            sectionHeader = null;
            sectionDirectives = null;
        }
    }

    private static boolean isConditional(String keyword) {
        return keyword.equals(".if") || keyword.equals(".elif") || keyword.equals(".else") || keyword.equals(".endif");
    }

    private boolean skipping() {
        if (level == 0) {
            return false;
        }
        Cond c = conds[level];
        return c != Cond.IF_TAKE && c != Cond.ELIF_TAKE && c != Cond.ELSE_TAKE;
    }

    private boolean isTakenOrSkipped(Cond c) {
        return c == Cond.IF_TAKE || c == Cond.IF_SKIP || c == Cond.ELIF_TAKE || c == Cond.ELIF_SKIP;
    }

    private Stop conditional(SyntaxLine line, String keyword, List<Word> words) {
        int n = line.number();
        switch (keyword) {
            case ".if": {
                level++;
                if (level >= MAX_NESTED_CONDITIONS) {
                    alert(n, "too many nested '.if', max is " + MAX_NESTED_CONDITIONS + ".");
                    return Stop.ABORT;
                }
                if (level > 1 && conds[level - 1] != Cond.IF_TAKE && conds[level - 1] != Cond.ELIF_TAKE
                        && conds[level - 1] != Cond.ELSE_TAKE) {
                    conds[level] = Cond.IF_SKIP;
                    return null;
                }
                Boolean value = evaluate(line, ".if", words);
                if (value == null) {
                    return Stop.ABORT;
                }
                conds[level] = value ? Cond.IF_TAKE : Cond.IF_DROP;
                return null;
            }
            case ".elif": {
                if (level == 0) {
                    alert(n, "lone '.elif' with no matching '.if'.");
                    return Stop.ABORT;
                }
                if (conds[level] == Cond.ELSE_TAKE || conds[level] == Cond.ELSE_DROP) {
                    alert(n, "'.elif' after '.else' is not permitted.");
                    return Stop.ABORT;
                }
                if (isTakenOrSkipped(conds[level])) {
                    conds[level] = Cond.ELIF_SKIP;
                    return null;
                }
                Boolean value = evaluate(line, ".elif", words);
                if (value == null) {
                    return Stop.ABORT;
                }
                conds[level] = value ? Cond.ELIF_TAKE : Cond.ELIF_DROP;
                return null;
            }
            case ".else": {
                if (words.size() > 1 && !words.get(1).value().isEmpty()) {
                    alert(n, "Unexpected argument '" + words.get(1).value() + "' for '.else'.");
                    return Stop.BREAK;
                }
                if (level == 0) {
                    alert(n, "lone '.else' with no matching '.if'.");
                    return Stop.ABORT;
                }
                if (conds[level] == Cond.ELSE_TAKE || conds[level] == Cond.ELSE_DROP) {
                    alert(n, "'.else' after '.else' is not permitted.");
                    return Stop.ABORT;
                }
                conds[level] = isTakenOrSkipped(conds[level]) ? Cond.ELSE_DROP : Cond.ELSE_TAKE;
                return null;
            }
            case ".endif": {
                if (words.size() > 1 && !words.get(1).value().isEmpty()) {
                    alert(n, "Unexpected argument '" + words.get(1).value() + "' for '.endif'.");
                    return Stop.BREAK;
                }
                if (level == 0) {
                    alert(n, "lone '.endif' with no matching '.if'.");
                    return Stop.BREAK;
                }
                level--;
                return null;
            }
            default:
                return null;
        }
    }

    /** Evaluates a {@code .if}/{@code .elif} line; null after reporting an error. */
    private Boolean evaluate(SyntaxLine line, String keyword, List<Word> words) {
        StringBuilder expression = new StringBuilder();
        for (int i = 1; i < words.size(); i++) {
            if (i > 1) {
                expression.append(' ');
            }
            expression.append(words.get(i).value());
        }
        IfCondition.Outcome outcome = IfCondition.evaluate(expression.toString(), options);
        if (!outcome.failed()) {
            return outcome.value();
        }
        String message = outcome.error() + " in '" + keyword + "' at position " + (outcome.errorOffset() + 1);
        int width = keyword.equals(".if") ? 76 : 74;
        String text = "parsing [" + file + ":" + line.number() + "]: " + message + ":\n"
                + Caret.show(expression.toString(), outcome.errorOffset(), width, keyword + " ");
        diagnostics.add(new Diagnostic(Severity.ALERT, new SourceSpan(file, line.number(), 1), message, text));
        return null;
    }

    /** {@code .diag}, {@code .notice}, {@code .warning}, {@code .alert}, or an unknown directive. */
    private Stop message(SyntaxLine line, String keyword, List<Word> words) {
        int n = line.number();
        Severity severity = switch (keyword) {
            case ".alert" -> Severity.ALERT;
            case ".warning" -> Severity.WARNING;
            case ".notice" -> Severity.NOTICE;
            case ".diag" -> Severity.DIAG;
            default -> null;
        };
        if (severity == null) {
            alert(n, "unknown directive '" + keyword + "'.");
            fatal++;
            return Stop.BREAK;
        }
        if (words.size() > 2 && !words.get(2).value().isEmpty()) {
            alert(n, "Unexpected argument '" + words.get(2).value() + "' for '" + keyword
                    + "'. Use quotes if the message should contain spaces.");
            return null;
        }
        String text = words.size() > 1 ? words.get(1).value() : "";
        report(severity, n, "'" + text + "'.");
        return severity == Severity.ALERT ? Stop.ABORT : null;
    }

    /** HAProxy 3.2+: an empty argument would silently end the argument list. */
    private boolean emptyArgument(SyntaxLine line, WordDecoder.Decoded decoded) {
        List<Integer> columns = decoded.emptyArgColumns();
        for (int i = 0; i < columns.size(); i++) {
            int column = columns.get(i);
            if (column > 0) {
                String message = "argument number " + i + " at position " + column
                        + " is empty and marks the end of the argument list";
                String text = caretText(line, line.text(), message, column);
                if (!warnedEmptyArgument) {
                    warnedEmptyArgument = true;
                    text += "\nSluice stops here, as HAProxy does, so that the arguments after it are not"
                            + " silently ignored. When an environment variable expands to nothing, give it a"
                            + " default (\"${NAME-default}\") or expand it as a list (\"${NAME[*]}\").";
                }
                diagnostics.add(new Diagnostic(Severity.ALERT, new SourceSpan(file, line.number(), column),
                        message, text));
                return true;
            }
        }
        return false;
    }

    private void scope(SyntaxLine line, int indent) {
        String text = line.text();
        int close = text.indexOf(']', indent + 1);
        if (close < 0 || close == indent + 1) {
            reportSpaced(line.number(), "empty scope name is forbidden.");
            fatal++;
            return;
        }
        for (int i = indent + 1; i < close; i++) {
            char c = text.charAt(i);
            if (!(Character.isLetterOrDigit(c) && c < 0x80) && c != '.' && c != ':' && c != '_' && c != '-') {
                reportSpaced(line.number(), "character '" + c + "' is not permitted in a scope name.");
                return;
            }
        }
        int after = close + 1;
        while (after < text.length() && WordDecoder.isSpace(text.charAt(after))) {
            after++;
        }
        if (after < text.length() && text.charAt(after) != '#') {
            reportSpaced(line.number(),
                    "character '" + text.charAt(after) + "' is not permitted after scope declaration.");
        }
    }

    private void caretAlert(SyntaxLine line, String shownLine, String what, int column) {
        String message = what + " at position " + column;
        diagnostics.add(new Diagnostic(Severity.ALERT, new SourceSpan(file, line.number(), column), message,
                caretText(line, shownLine, message, column)));
    }

    private String caretText(SyntaxLine line, String shownLine, String message, int column) {
        int indent = line.indent();
        return "parsing [" + file + ":" + line.number() + "]: " + message + ":\n"
                + Caret.show(shownLine.substring(Math.min(indent, shownLine.length())), column - 1 - indent, 80, "");
    }

    private void alert(int lineNumber, String message) {
        report(Severity.ALERT, lineNumber, message);
    }

    private void report(Severity severity, int lineNumber, String message) {
        diagnostics.add(new Diagnostic(severity, new SourceSpan(file, lineNumber, 1), message,
                "parsing [" + file + ":" + lineNumber + "]: " + message));
    }

    /** The older "parsing [file:line] : message" form, with a blank before the colon. */
    private void reportSpaced(int lineNumber, String message) {
        diagnostics.add(new Diagnostic(Severity.ALERT, new SourceSpan(file, lineNumber, 1), message,
                "parsing [" + file + ":" + lineNumber + "] : " + message));
    }
}
