/**
 * The small languages inside configuration words: rule conditions ({@link
 * dev.sluice.grammar.expr.ConditionParser}), ACL expressions ({@link
 * dev.sluice.grammar.expr.AclParser}), sample expressions ({@link
 * dev.sluice.grammar.expr.SampleExprParser}) and log-format strings ({@link
 * dev.sluice.grammar.expr.LogFormatParser}).
 *
 * <p>Each has its own ANTLR grammar; the generated classes ({@code *Grammar}, {@code *Lexer}) are
 * an implementation detail. The parsers check syntax only, as HAProxy's parsing functions see it,
 * and fail with an {@link dev.sluice.grammar.expr.ExprSyntaxException} worded as HAProxy 2.6 words
 * the same mistake. Names (fetches, converters, ACLs, aliases) and argument types are left to
 * semantic passes.
 */
package dev.sluice.grammar.expr;
