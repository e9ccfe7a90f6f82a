package dev.sluice.cli.render;

import com.hubspot.jinjava.objects.SafeString;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A template's text with its literal lines tagged, and the code of its tags.
 *
 * <p>Jinjava does not say which template line wrote which output line, so before rendering
 * every literal line gets a marker at its end, {@code U+E000 file:line U+E001}, which the
 * rendering copies into the output like any other text (through loops, includes and macros);
 * {@link #strip} then removes the markers and keeps, for each output line, the first one it
 * held. A marker is left out where it would change the output: after a tag whose {@code -}
 * removes the whitespace that follows it.
 *
 * <p>{@code trim_blocks} is done here too, not by Jinjava, whose line numbers skip every newline
 * it trims: the newline after a block tag or comment moves into an empty comment,
 * {@code {#\n#}}, which Jinjava counts as a line and renders as nothing.
 */
final class MarkedTemplate {

    static final char OPEN = '\uE000';
    static final char CLOSE = '\uE001';

    private static final Pattern MARKER = Pattern.compile("[0-9]{1,9}:[0-9]{1,9}");
    private static final Pattern END_RAW = Pattern.compile("\\{%-?\\s*endraw\\s*-?%}");

    /** The code between {@code {{ }}} or {@code {% %}}, and the line it starts on. */
    record Code(String text, int line) {}

    /** A rendered text without its markers, and where each of its lines came from. */
    record Stripped(String text, LineMap lineMap) {}

    private final String source;
    private final String fileId;
    private final boolean trimBlocks;
    private final StringBuilder out = new StringBuilder();
    private final List<Code> code = new ArrayList<>();
    private int line;
    /** The last tag on the current line removes the whitespace after it ({@code -}}}, {@code -%}}). */
    private boolean closerTrims;
    private final StringBuilder segment = new StringBuilder();
    private Code unclosed;

    private MarkedTemplate(String source, int fileId, int firstLine, boolean trimBlocks) {
        this.source = source;
        this.fileId = Integer.toString(fileId);
        this.trimBlocks = trimBlocks;
        this.line = firstLine;
    }

    /**
     * Marks {@code source}, file number {@code fileId}, whose first line is line
     * {@code firstLine} of its file.
     */
    static MarkedTemplate of(String source, int fileId, int firstLine, boolean trimBlocks) {
        MarkedTemplate t = new MarkedTemplate(source, fileId, firstLine, trimBlocks);
        t.scan();
        return t;
    }

    /** The template text with its markers, to hand to Jinjava. */
    String text() {
        return out.toString();
    }

    /** A tag opened and never closed, with the line it opens on; the template cannot render. */
    Optional<Code> unclosed() {
        return Optional.ofNullable(unclosed);
    }

    /** The code of every expression and block tag, in order. */
    List<Code> code() {
        return List.copyOf(code);
    }

    private void scan() {
        int i = 0;
        int n = source.length();
        while (i < n) {
            int open = nextOpener(i);
            if (open < 0) {
                text(i, n);
                return;
            }
            text(i, open);
            char kind = source.charAt(open + 1);
            int close = findClose(open + 2, kind);
            if (close < 0) {
                String opener = source.substring(open, open + 2);
                String closing = kind == '{' ? "}}" : kind + "}";
                unclosed = new Code("'" + opener + "' is not closed: no '" + closing + "' after it", line);
                text(open, n);
                return;
            }
            String content = source.substring(open + 2, close);
            int tagLine = line;
            tag(open, close + 2);
            // Jinjava ignores '-' in comments
            closerTrims = kind != '#' && content.endsWith("-");
            segment.setLength(0);
            i = close + 2;
            if (kind != '#') {
                code.add(new Code(content, tagLine));
            }
            if (kind == '%' && stripDashes(content).equals("raw")) {
                if (trimBlocks && !closerTrims && i < n && source.charAt(i) == '\n') {
                    // inside {% raw %} a comment is text: the newline goes into the tag itself
                    out.insert(out.length() - 2, '\n');
                    line++;
                    i++;
                }
                Matcher end = END_RAW.matcher(source).region(i, n);
                if (end.find()) {
                    text(i, end.start());
                    tag(end.start(), end.end());
                    closerTrims = end.group().endsWith("-%}");
                    segment.setLength(0);
                    i = end.end();
                    i = trimBlock(i);
                }
            } else if (kind != '{') {
                i = trimBlock(i);
            }
        }
    }

    /** {@code trim_blocks}: the newline right after a block tag or comment, at {@code i}, goes into a comment. */
    private int trimBlock(int i) {
        if (!trimBlocks || closerTrims) {
            return i;
        }
        if (i >= source.length() || source.charAt(i) != '\n') {
            // as Jinjava's trim_blocks: a bare LF only
            return i;
        }
        out.append("{#\n#}");
        line++;
        segment.setLength(0);
        return i + 1;
    }

    private static String stripDashes(String content) {
        String s = content.strip();
        if (s.startsWith("-")) {
            s = s.substring(1);
        }
        if (s.endsWith("-")) {
            s = s.substring(0, s.length() - 1);
        }
        return s.strip();
    }

    private int nextOpener(int from) {
        for (int i = from; i + 1 < source.length(); i++) {
            if (source.charAt(i) == '{') {
                char next = source.charAt(i + 1);
                if (next == '{' || next == '%' || next == '#') {
                    return i;
                }
            }
        }
        return -1;
    }

    /** The index of the tag's closing {@code }}}, {@code %}} or {@code #}}, skipping quoted strings. */
    private int findClose(int from, char kind) {
        char first = kind == '{' ? '}' : kind;
        if (kind != '#') {
            int quoted = scanClose(from, first, true);
            if (quoted >= 0) {
                return quoted;
            }
        }
        return scanClose(from, first, false);
    }

    private int scanClose(int from, char first, boolean quotes) {
        char quote = 0;
        for (int i = from; i + 1 < source.length(); i++) {
            char c = source.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (quotes && (c == '\'' || c == '"')) {
                quote = c;
            } else if (c == first && source.charAt(i + 1) == '}') {
                return i;
            }
        }
        return -1;
    }

    private void tag(int from, int to) {
        for (int i = from; i < to; i++) {
            if (source.charAt(i) == '\n') {
                line++;
            }
        }
        out.append(source, from, to);
    }

    private void text(int from, int to) {
        for (int i = from; i < to; i++) {
            char c = source.charAt(i);
            if (c == '\n') {
                if (wantsMarker()) {
                    boolean cr = segment.length() > 0 && segment.charAt(segment.length() - 1) == '\r';
                    String marker = OPEN + fileId + ":" + line + CLOSE;
                    if (cr) {
                        out.insert(out.length() - 1, marker);
                    } else {
                        out.append(marker);
                    }
                }
                out.append('\n');
                line++;
                closerTrims = false;
                segment.setLength(0);
            } else {
                out.append(c);
                segment.append(c);
            }
        }
    }

    private boolean wantsMarker() {
        return !(closerTrims && segment.toString().isBlank());
    }

    /** {@code value} without markers when it is a text (a macro's output, a block set with {@code set}). */
    static Object withoutMarkers(Object value) {
        if (value instanceof String s && s.indexOf(OPEN) >= 0) {
            return strip(s, List.of()).text();
        }
        if (value instanceof SafeString s && s.getValue().indexOf(OPEN) >= 0) {
            return new SafeString(strip(s.getValue(), List.of()).text());
        }
        return value;
    }

    /**
     * Removes the markers from a rendered text; {@code files} names the file numbers. A line
     * without a marker belongs to the next line that has one (an expression's value written over
     * several lines ends on the line that holds the expression), else to the last one before.
     */
    static Stripped strip(String rendered, List<String> files) {
        StringBuilder text = new StringBuilder(rendered.length());
        List<Origin> origins = new ArrayList<>();
        Origin first = null;
        boolean open = false;
        int n = rendered.length();
        for (int i = 0; i < n; i++) {
            char c = rendered.charAt(i);
            if (c == OPEN) {
                int end = rendered.indexOf(CLOSE, i);
                String marker = end < 0 ? "" : rendered.substring(i + 1, end);
                if (MARKER.matcher(marker).matches()) {
                    Origin o = parse(marker, files);
                    if (first == null) {
                        first = o;
                    }
                    open = true;
                    i = end;
                    continue;
                }
            }
            if (c == '\n') {
                origins.add(first);
                first = null;
                open = false;
            } else {
                open = true;
            }
            text.append(c);
        }
        if (open) {
            origins.add(first);
        }
        fill(origins);
        return new Stripped(text.toString(), new LineMap(origins));
    }

    /** The origin a well-formed marker names; null when its file is not among {@code files}. */
    private static Origin parse(String marker, List<String> files) {
        int colon = marker.indexOf(':');
        int file = Integer.parseInt(marker.substring(0, colon));
        int line = Integer.parseInt(marker.substring(colon + 1));
        return file < files.size() && line >= 1 ? new Origin(files.get(file), line) : null;
    }

    private static void fill(List<Origin> origins) {
        Origin next = null;
        for (int i = origins.size() - 1; i >= 0; i--) {
            if (origins.get(i) == null) {
                origins.set(i, next);
            } else {
                next = origins.get(i);
            }
        }
        Origin previous = null;
        for (int i = 0; i < origins.size(); i++) {
            if (origins.get(i) == null) {
                origins.set(i, previous);
            } else {
                previous = origins.get(i);
            }
        }
    }
}
