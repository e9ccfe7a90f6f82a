package dev.sluice.grammar.fmt;

import dev.sluice.grammar.ConfigLoader;
import dev.sluice.grammar.HaproxyVersion;
import dev.sluice.grammar.SectionKeywords;
import dev.sluice.grammar.syntax.Fragment;
import dev.sluice.grammar.syntax.RawWord;
import dev.sluice.grammar.syntax.SyntaxLine;
import java.util.List;

/**
 * Prints a configuration in one canonical layout: section headers at column 0, the lines of a
 * section indented by four spaces, words separated by one space, each word written exactly as
 * it was (its quoting kept), comments kept, runs of blank lines reduced to one, LF line endings
 * and a final newline.
 *
 * <p>Nothing is evaluated: conditional blocks are kept whole, environment variables are not
 * expanded. A line the tokenizer cannot split (an unmatched quote, a CR or NUL inside it) is kept
 * as written, only re-indented, so formatting never loses a byte that mattered. When the file
 * uses {@code $.LINE}, blank lines are kept as they are so that every line keeps its number.
 */
public final class Formatter {

    private static final String INDENT = "    ";

    private final HaproxyVersion version;

    public Formatter(HaproxyVersion version) {
        this.version = version;
    }

    /** Formats {@code text}, a whole file read one character per byte. */
    public String format(String text) {
        List<SyntaxLine> lines = ConfigLoader.syntaxLines(text);
        boolean keepLineNumbers = text.contains("$.LINE") || text.contains("${.LINE");
        StringBuilder out = new StringBuilder(text.length() + 64);
        boolean inSection = false;
        boolean pendingBlank = false;
        boolean wroteSomething = false;
        for (int i = 0; i < lines.size(); i++) {
            SyntaxLine line = lines.get(i);
            if (isBlank(line)) {
                if (keepLineNumbers) {
                    out.append('\n');
                } else {
                    pendingBlank = wroteSomething;
                }
                continue;
            }
            if (pendingBlank) {
                out.append('\n');
                pendingBlank = false;
            }
            boolean header = isSectionHeader(line);
            if (header) {
                inSection = true;
            }
            boolean atColumnZero = header || !inSection
                    || (line.isEmpty() && line.comment() != null && commentsLeadToHeader(lines, i));
            if (!atColumnZero) {
                out.append(INDENT);
            }
            out.append(body(line)).append('\n');
            wroteSomething = true;
        }
        return out.toString();
    }

    /** True when formatting {@code text} changes nothing. */
    public boolean isFormatted(String text) {
        return format(text).equals(text);
    }

    private String body(SyntaxLine line) {
        String text = line.text();
        if (!isClean(line)) {
            return stripTrailingCrs(text.substring(line.indent()));
        }
        StringBuilder b = new StringBuilder();
        char separator = ' ';
        for (RawWord w : line.words()) {
            if (b.length() > 0) {
                b.append(separator);
            }
            b.append(w.raw());
            separator = separatorAfter(line, w);
        }
        if (line.comment() != null) {
            if (b.length() > 0) {
                b.append(separator);
            }
            b.append(stripTrailingBlanks(line.comment()));
        }
        return b.toString();
    }

    /**
     * One space, except after a word that ends with a lone backslash: a space there would
     * become an escaped space, so the blank written in the file (a tab) stays.
     */
    private static char separatorAfter(SyntaxLine line, RawWord word) {
        List<Fragment> fragments = word.fragments();
        if (!fragments.isEmpty() && fragments.get(fragments.size() - 1) instanceof Fragment.Backslash) {
            int after = word.column() - 1 + word.raw().length();
            if (after < line.text().length()) {
                return line.text().charAt(after);
            }
        }
        return ' ';
    }

    /** Trailing CRs are line-ending noise (HAProxy ignores a line from its first CR on). */
    private static String stripTrailingCrs(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '\r') {
            end--;
        }
        return s.substring(0, end);
    }

    private static boolean isOnlyCrs(String rest) {
        return rest == null || stripTrailingCrs(rest).isEmpty();
    }

    private static String stripTrailingBlanks(String s) {
        int end = s.length();
        while (end > 0 && SyntaxLine.isBlank(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end);
    }

    /** A line the formatter may re-lay: every quote closed, nothing after a CR or NUL, no scope. */
    private static boolean isClean(SyntaxLine line) {
        if (!isOnlyCrs(line.rest())) {
            return false;
        }
        String text = line.text();
        int indent = line.indent();
        if (indent < text.length() && text.charAt(indent) == '[') {
            return false;
        }
        for (RawWord w : line.words()) {
            for (Fragment f : w.fragments()) {
                if (f instanceof Fragment.SingleQuoted s && !s.closed()) {
                    return false;
                }
                if (f instanceof Fragment.DoubleQuoted d && !d.closed()) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean isBlank(SyntaxLine line) {
        return line.isEmpty() && line.comment() == null && isOnlyCrs(line.rest());
    }

    private boolean isSectionHeader(SyntaxLine line) {
        if (line.isEmpty()) {
            return false;
        }
        RawWord first = line.words().get(0);
        return SectionKeywords.isSection(first.raw(), version);
    }

    /** True when the comment block at {@code i} runs, with no blank line, into a section header. */
    private boolean commentsLeadToHeader(List<SyntaxLine> lines, int i) {
        for (int j = i; j < lines.size(); j++) {
            SyntaxLine next = lines.get(j);
            if (next.isEmpty() && next.comment() != null) {
                continue;
            }
            return !isBlank(next) && isSectionHeader(next);
        }
        return false;
    }
}
