package dev.sluice.compiler.check;

import dev.sluice.grammar.ast.SourceSpan;
import dev.sluice.grammar.ast.Word;
import dev.sluice.grammar.expr.AclExpr;
import dev.sluice.grammar.expr.AclFlag;
import dev.sluice.grammar.expr.AclParser;
import dev.sluice.grammar.expr.Condition;
import dev.sluice.grammar.expr.ConditionParser;
import dev.sluice.grammar.expr.ExprSyntaxException;
import dev.sluice.grammar.expr.LogFormat;
import dev.sluice.grammar.expr.LogFormatParser;
import dev.sluice.grammar.expr.SampleExpr;
import dev.sluice.grammar.expr.SampleExprParser;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The grammar's parsers, each distinct text parsed once per check. Configurations repeat
 * themselves (the same ACL criteria, conditions and formats in proxy after proxy), a parse costs
 * microseconds, and the parsers read nothing but the words' values. A result taken from here may
 * carry the spans of the line that first had its text: the checks use its texts only, as
 * HAProxy's messages do, which quote the configuration and locate nothing within a line. A
 * syntax error is remembered and thrown again.
 */
final class ParseMemo {

    private final Map<String, Object> expressions = new HashMap<>();
    private final Map<String, Object> formats = new HashMap<>();
    private final Map<List<String>, Object> acls = new HashMap<>();
    private final Map<List<String>, Object> conditions = new HashMap<>();

    /** {@link SampleExprParser#parse} of one word. */
    SampleExpr expression(Word word) {
        return parse(expressions, word.value(), text -> SampleExprParser.parse(text, word.span()));
    }

    /**
     * {@link LogFormatParser#parse} of one word. A text without {@code %} has nothing for the
     * parser to read (header values, backend names): it is one piece of literal text.
     */
    LogFormat format(Word word) {
        String text = word.value();
        if (text.indexOf('%') < 0) {
            List<LogFormat.Part> parts = text.isEmpty() ? List.of()
                    : List.of(new LogFormat.Literal(text, text, 1, word.span()));
            return new LogFormat(parts, text, word.span());
        }
        return parse(formats, text, key -> LogFormatParser.parse(key, word.span()));
    }

    /**
     * {@link AclParser#parseExpr} of an ACL expression's criterion and options, without its
     * patterns: they do not change how the rest parses, and they are what differs from one
     * {@code acl} line to the next. The result has no values.
     */
    AclExpr acl(List<Word> words, SourceSpan where) {
        List<Word> head = words.subList(0, patterns(words));
        return parse(acls, values(head), key -> AclParser.parseExpr(head, where));
    }

    /** Where an ACL expression's patterns start: after the criterion and the options. */
    private static int patterns(List<Word> words) {
        int i = 1;
        while (i < words.size() && words.get(i).value().startsWith("-")) {
            String option = words.get(i).value();
            i++;
            if (option.equals(AclFlag.Kind.END_OF_OPTIONS.spelling())) {
                break;
            }
            for (AclFlag.Kind kind : AclFlag.Kind.values()) {
                if (kind.takesArgument() && kind.spelling().equals(option)) {
                    i++;
                }
            }
        }
        return Math.min(i, words.size());
    }

    /** {@link ConditionParser#parse} of a condition's words, from its {@code if} or {@code unless}. */
    Condition condition(List<Word> words) {
        return parse(conditions, values(words), key -> ConditionParser.parse(words));
    }

    private static List<String> values(List<Word> words) {
        List<String> values = new ArrayList<>(words.size());
        for (Word w : words) {
            values.add(w.value());
        }
        return values;
    }

    @SuppressWarnings("unchecked")
    private static <K, T> T parse(Map<K, Object> results, K key, Function<K, T> parser) {
        Object result = results.get(key);
        if (result == null) {
            try {
                result = parser.apply(key);
            } catch (ExprSyntaxException e) {
                result = e;
            }
            results.put(key, result);
        }
        if (result instanceof ExprSyntaxException e) {
            throw e;
        }
        return (T) result;
    }
}
