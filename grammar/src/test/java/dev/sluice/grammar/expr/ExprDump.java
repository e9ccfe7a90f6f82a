package dev.sluice.grammar.expr;

import dev.sluice.grammar.ast.Word;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Renders parse results as indented text for golden files: one node per line, its column (within
 * the parsed text for sample expressions and log-format strings, within the line for words).
 */
final class ExprDump {

    private final StringBuilder out = new StringBuilder();

    static String of(SampleExpr expr) {
        ExprDump d = new ExprDump();
        d.sample(expr, 0);
        return d.out.toString();
    }

    static String of(Condition condition) {
        ExprDump d = new ExprDump();
        d.line(0, (condition.unless() ? "unless" : "if") + " @" + condition.span().column());
        for (AndGroup group : condition.or()) {
            d.line(1, "and @" + group.span().column());
            for (Term term : group.terms()) {
                d.term(term, 2);
            }
        }
        if (!condition.ignored().isEmpty()) {
            d.line(1, "ignored " + words(condition.ignored()));
        }
        return d.out.toString();
    }

    static String of(AclExpr expr) {
        ExprDump d = new ExprDump();
        d.acl(expr, 0);
        return d.out.toString();
    }

    static String of(AclDefinition definition) {
        ExprDump d = new ExprDump();
        d.line(0, "acl " + quote(definition.name()) + " @" + definition.span().column());
        d.acl(definition.expr(), 1);
        return d.out.toString();
    }

    static String of(LogFormat format) {
        ExprDump d = new ExprDump();
        for (LogFormat.Part part : format.parts()) {
            part.accept(new LogFormat.Visitor<Void>() {
                @Override
                public Void visitLiteral(LogFormat.Literal literal) {
                    d.line(0, "text " + quote(literal.text()) + " raw=" + quote(literal.raw()) + " @" + literal.column());
                    return null;
                }

                @Override
                public Void visitAlias(LogFormat.Alias alias) {
                    d.line(0, "alias " + alias.name() + options(alias.options()) + " @" + alias.column());
                    return null;
                }

                @Override
                public Void visitExpr(LogFormat.Expr expr) {
                    d.line(0, "expr" + options(expr.options()) + " @" + expr.column());
                    d.sample(expr.expr(), 1);
                    return null;
                }
            });
        }
        return d.out.toString();
    }

    static String of(ExprSyntaxException e) {
        return "error @" + e.span().column() + ": " + e.getMessage()
                + e.hint().map(h -> "\n  hint: " + h).orElse("") + "\n";
    }

    private void sample(SampleExpr expr, int depth) {
        line(depth, "fetch " + expr.fetch().name() + " @" + expr.fetch().column());
        args(expr.fetch().args(), depth + 1);
        for (Converter c : expr.converters()) {
            line(depth, "conv " + c.name() + " @" + c.column());
            args(c.args(), depth + 1);
        }
    }

    private void args(List<Arg> args, int depth) {
        for (Arg a : args) {
            line(depth, "arg " + quote(a.value()) + (a.raw().equals(a.value()) ? "" : " raw=" + quote(a.raw()))
                    + " @" + a.column());
        }
    }

    private void term(Term term, int depth) {
        term.accept(new Term.Visitor<Void>() {
            @Override
            public Void visitAclRef(AclRef ref) {
                line(depth, (ref.negated() ? "not " : "") + "acl " + quote(ref.name()) + " @" + ref.span().column());
                return null;
            }

            @Override
            public Void visitAnonymousAcl(AnonymousAcl acl) {
                line(depth, (acl.negated() ? "not " : "") + "{ } @" + acl.span().column() + " " + words(acl.words()));
                acl(acl.expr(), depth + 1);
                return null;
            }
        });
    }

    private void acl(AclExpr expr, int depth) {
        line(depth, "criterion " + quote(expr.criterionWord().value()) + " @" + expr.span().column());
        sample(expr.criterion(), depth + 1);
        for (AclFlag flag : expr.flags()) {
            line(depth, "flag " + flag.kind() + flag.argument().map(a -> " " + quote(a.value())).orElse("")
                    + " @" + flag.span().column());
        }
        if (!expr.values().isEmpty()) {
            line(depth, "values " + words(expr.values()));
        }
        expr.leadingOperator().ifPresent(op -> line(depth, "operator " + op.value()));
    }

    private static String options(LogFormat.Options options) {
        if (options.raw().isEmpty()) {
            return "";
        }
        return " options=" + quote(options.raw()) + " "
                + options.items().stream().map(o -> o.sign() + ":" + o.name()).collect(Collectors.joining(",", "[", "]"));
    }

    private static String words(List<Word> words) {
        return words.stream().map(w -> quote(w.value())).collect(Collectors.joining(" ", "[", "]"));
    }

    private void line(int depth, String text) {
        out.append("  ".repeat(depth)).append(text).append('\n');
    }

    /** A value in double quotes, with backslash, quote and control characters escaped. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '"' -> b.append("\\\"");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        b.append(String.format("\\x%02x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
