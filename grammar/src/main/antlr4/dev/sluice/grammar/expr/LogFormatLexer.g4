/*
 * Characters of a log-format string (log-format, unique-id-format, the values of set-header and
 * similar actions). The string is one configuration word, already decoded: this level knows no
 * escape but '%%'.
 *
 * A '%' starts an alias (%ci), options in braces before an alias or an expression (%{+Q}r,
 * %{+Q}[src]) or a sample expression (%[src]). The sample expression's length is decided by the
 * sample expression parser, not here: the token source that wraps this lexer hands the text after
 * '%[' to it and resumes lexing after the closing ']'.
 */
lexer grammar LogFormatLexer;

ESCAPED_PERCENT  : '%%' ;
ALIAS            : '%' [A-Za-z] [A-Za-z0-9]* ;
EXPR_OPEN        : '%[' ;
// Options run to the first '}'; without one they run to the end and are truncated.
OPTIONS          : '%{' ~'}'* '}' -> pushMode(AFTER_OPTIONS) ;
OPTIONS_UNCLOSED : '%{' ~'}'* ;
// '%' before a digit or a blank is refused by HAProxy: it asks for '%%'.
BAD_PERCENT      : '%' [0-9 \t] ;
// '%' before any other character is silently dropped by HAProxy; at the end it is truncated.
LONE_PERCENT     : '%' ;
TEXT             : ~'%'+ ;

mode AFTER_OPTIONS;

// After options an alias may start with a digit.
OPT_ALIAS     : [A-Za-z0-9]+ -> popMode ;
OPT_EXPR_OPEN : '[' -> popMode ;
OPT_OTHER     : . -> popMode ;
