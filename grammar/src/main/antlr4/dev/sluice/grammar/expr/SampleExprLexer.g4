/*
 * Characters of a sample expression: fetch[(args)][,converter[(args)]]...
 *
 * Outside parentheses only names, commas and an opening parenthesis mean something; any other
 * character is OTHER, which ends the expression (embedded in a log-format string) or is an error.
 * Inside parentheses the second level of quoting applies: single quotes protect everything,
 * double quotes protect commas and parentheses but still honour backslash escapes, and a
 * backslash outside single quotes escapes a backslash, a space or a quote, or stands for CR, LF
 * or TAB; before any other character it is kept as it is. An unquoted ',' separates arguments
 * and an unquoted ')' closes the list; '(' has no special meaning there (no nesting).
 *
 * Every character matches some rule in both modes, so the lexer never fails.
 */
lexer grammar SampleExprLexer;

// The characters HAProxy accepts in fetch and converter names (is_idchar).
NAME   : [A-Za-z0-9._+:-]+ ;
LPAREN : '(' -> pushMode(ARGS) ;
COMMA  : ',' ;
OTHER  : . ;

mode ARGS;

ARG_TEXT : ~[,)"'\\]+ ;
// A double-quoted run; the closing quote wins over the unterminated form by being longer.
DQUOTED      : '"' ( ~["\\] | '\\' . )* '"' ;
DQUOTED_OPEN : '"' ( ~["\\] | '\\' . )* '\\'? ;
SQUOTED      : '\'' ~[']* '\'' ;
SQUOTED_OPEN : '\'' ~[']* ;
ESCAPE    : '\\' [\\ "'rnt] ;
BACKSLASH : '\\' ;
ARG_SEP   : ',' ;
RPAREN    : ')' -> popMode ;
