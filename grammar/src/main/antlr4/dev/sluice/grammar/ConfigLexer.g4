/*
 * The haproxy.cfg line tokenizer, following HAProxy's own rules (configuration manual 2.2-2.4):
 * words split on unquoted blanks, '#' starts a comment outside quotes, double quotes interpret
 * escapes and environment variables, single quotes interpret nothing, backslash escapes outside
 * single quotes, and a line ends at LF (a CR or NUL ends what HAProxy reads of it).
 *
 * The lexer never fails: malformed sequences (a bad \x escape, an unterminated ${...}) are tokens
 * of their own, so that the AST builder reports them with HAProxy's message and position.
 */
lexer grammar ConfigLexer;

NEWLINE       : '\r'? '\n' ;
/* HAProxy stops reading a line at CR or NUL: the rest of the line is ignored. */
LINE_REST     : [\r\u0000] ~'\n'* ;
BLANK         : [ \t\u000B\f]+ ;
COMMENT       : '#' ~[\r\n\u0000]* ;

HEX_ESCAPE    : '\\x' HEX HEX ;
BAD_HEX       : '\\x' ;
ESCAPE        : '\\' [ \\#'"tnr] ;
/* A backslash that starts no escape sequence stands for itself. */
BACKSLASH     : '\\' ;

DQ_OPEN       : '"' -> pushMode(DQ) ;
SQ_OPEN       : '\'' -> pushMode(SQ) ;
/* '$' is literal outside double quotes. */
TEXT          : ~[ \t\u000B\f\r\n\u0000"'\\#]+ ;
/*
 * Text and the blanks after it, as one token: most words are text followed by a blank, and the
 * lexer spends more per token than per character.
 */
TEXT_BLANK    : ~[ \t\u000B\f\r\n\u0000"'\\#]+ [ \t\u000B\f]+ ;

fragment HEX      : [0-9a-fA-F] ;
fragment VAR_NAME : [a-zA-Z_] [a-zA-Z0-9_]* | '.' [a-zA-Z0-9_]* ;
fragment VAR_DEFAULT : '-' ~[}\n\u0000]* ;

mode DQ;

DQ_CLOSE      : '"' -> popMode ;
DQ_NEWLINE    : '\r'? '\n' -> type(NEWLINE), popMode ;
DQ_LINE_REST  : [\r\u0000] ~'\n'* -> type(LINE_REST), popMode ;
DQ_HEX_ESCAPE : '\\x' HEX HEX -> type(HEX_ESCAPE) ;
DQ_BAD_HEX    : '\\x' -> type(BAD_HEX) ;
DQ_ESCAPE     : '\\' [ \\#'"tnr$] -> type(ESCAPE) ;
DQ_BACKSLASH  : '\\' -> type(BACKSLASH) ;

/* $NAME, $.LINE */
VAR           : '$' VAR_NAME ;
/* ${NAME}, ${NAME[*]}, ${NAME-default}, ${NAME[*]-default} */
VAR_BRACED    : '${' VAR_NAME ( '[*]' )? VAR_DEFAULT? '}' ;
/* ${NAME... with no closing brace: HAProxy's "unmatched brace" */
VAR_UNCLOSED  : '${' VAR_NAME ( '[*]' )? VAR_DEFAULT? ;
/* ${NAME[ not followed by "*]": HAProxy's "truncated or invalid word expansion" */
VAR_BAD_EXPAND : '${' VAR_NAME '[' ;
/* '$' or '${' not followed by a name: HAProxy's "forbidden first char" */
VAR_BAD_NAME  : '$' '{'? ;
DQ_TEXT       : ~["\\$\r\n\u0000]+ ;

mode SQ;

SQ_CLOSE      : '\'' -> popMode ;
SQ_NEWLINE    : '\r'? '\n' -> type(NEWLINE), popMode ;
SQ_LINE_REST  : [\r\u0000] ~'\n'* -> type(LINE_REST), popMode ;
SQ_TEXT       : ~['\r\n\u0000]+ ;
