package dev.sluice.grammar.expr;

import dev.sluice.grammar.ast.SourceSpan;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A log-format string, as given to {@code log-format}, {@code unique-id-format} or actions such as
 * {@code http-request set-header X %[src]}: literal text, aliases ({@code %ci}) and sample
 * expressions ({@code %[src]}), the latter two possibly with options ({@code %{+Q}r}).
 *
 * <p>Spaces are literal text here. In {@code log-format}, {@code log-format-sd},
 * {@code error-log-format} and {@code unique-id-format} HAProxy merges each run of them into one
 * separator when it writes the line; elsewhere they are kept as they are.
 *
 * @param parts the pieces in order; adjacent literal text is one {@link Literal}
 * @param text the whole string
 * @param span where the string starts in the file
 */
public record LogFormat(List<Part> parts, String text, SourceSpan span) {

    public LogFormat {
        parts = List.copyOf(parts);
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(span, "span");
    }

    /** The aliases, in order. */
    public List<Alias> aliases() {
        List<Alias> aliases = new ArrayList<>();
        for (Part part : parts) {
            if (part instanceof Alias alias) {
                aliases.add(alias);
            }
        }
        return aliases;
    }

    /** One piece of a log-format string. */
    public sealed interface Part permits Literal, Alias, Expr {

        /** 1-based position of the piece's first character within the string. */
        int column();

        /** Where the piece starts in the file. */
        SourceSpan span();

        <R> R accept(Visitor<R> visitor);
    }

    /** Java 17 has no exhaustive switch over sealed types, so parts take a visitor. */
    public interface Visitor<R> {

        R visitLiteral(Literal literal);

        R visitAlias(Alias alias);

        R visitExpr(Expr expr);
    }

    /**
     * Literal text.
     *
     * @param text the text written to the log: {@code %%} gives {@code %}, and a {@code %} before a
     *     character that starts nothing (such as {@code %-}) is dropped, as HAProxy drops it
     * @param raw the text as written
     */
    public record Literal(String text, String raw, int column, SourceSpan span) implements Part {

        public Literal {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(raw, "raw");
            Objects.requireNonNull(span, "span");
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitLiteral(this);
        }
    }

    /**
     * An alias such as {@code %ci} or {@code %{+Q}r}. Whether the name exists, and whether it needs
     * HTTP mode, is for a semantic pass.
     *
     * @param name the alias without its {@code %} or options, e.g. {@code ci}
     * @param options the options in braces before it
     * @param raw the alias as written, options included
     */
    public record Alias(String name, Options options, String raw, int column, SourceSpan span) implements Part {

        public Alias {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(options, "options");
            Objects.requireNonNull(raw, "raw");
            Objects.requireNonNull(span, "span");
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitAlias(this);
        }
    }

    /**
     * A sample expression such as {@code %[src]} or {@code %{+Q}[req.hdr(host),lower]}.
     *
     * @param expr the expression between the brackets
     * @param options the options in braces before it
     * @param raw the whole piece as written, from {@code %} to {@code ]}
     */
    public record Expr(SampleExpr expr, Options options, String raw, int column, SourceSpan span) implements Part {

        public Expr {
            Objects.requireNonNull(expr, "expr");
            Objects.requireNonNull(options, "options");
            Objects.requireNonNull(raw, "raw");
            Objects.requireNonNull(span, "span");
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitExpr(this);
        }
    }

    /**
     * The options between braces, e.g. {@code +Q,-E}. HAProxy silently ignores an option it does
     * not know or that has no sign; the items keep them so that a lint rule can point at them.
     *
     * @param raw the text between the braces, or "" when there are none
     * @param items the comma-separated items, empty ones left out
     */
    public record Options(String raw, List<Option> items) {

        /** No braces. */
        public static final Options NONE = new Options("", List.of());

        public Options {
            Objects.requireNonNull(raw, "raw");
            items = List.copyOf(items);
        }

        /** Reads the text between the braces as HAProxy does. */
        public static Options parse(String raw) {
            List<Option> items = new ArrayList<>();
            for (String item : raw.split(",", -1)) {
                if (!item.isEmpty()) {
                    items.add(Option.parse(item));
                }
            }
            return new Options(raw, items);
        }
    }

    /**
     * One option, e.g. {@code +Q}.
     *
     * @param item the item as written
     * @param sign whether it sets or clears the option; HAProxy reads the last '+' or '-' of the item
     * @param name what follows that sign, e.g. {@code Q}; the whole item when there is no sign
     */
    public record Option(String item, Sign sign, String name) {

        public Option {
            Objects.requireNonNull(item, "item");
            Objects.requireNonNull(sign, "sign");
            Objects.requireNonNull(name, "name");
        }

        static Option parse(String item) {
            int at = Math.max(item.lastIndexOf('+'), item.lastIndexOf('-'));
            if (at < 0) {
                return new Option(item, Sign.NONE, item);
            }
            return new Option(item, item.charAt(at) == '+' ? Sign.SET : Sign.CLEAR, item.substring(at + 1));
        }
    }

    /** What an option item does. */
    public enum Sign {
        /** {@code +}: sets the option. */
        SET,
        /** {@code -}: clears the option. */
        CLEAR,
        /** No sign: HAProxy ignores the item. */
        NONE
    }
}
