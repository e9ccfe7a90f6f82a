/*
 * Structure of a sample expression. The same rule serves a whole word (an ACL criterion, a
 * set-var expression) and an expression embedded in a log-format string: for the latter the
 * token source ends the input where HAProxy stops reading the expression, so that EOF here
 * means "end of the expression".
 */
parser grammar SampleExprGrammar;

options { tokenVocab = SampleExprLexer; }

sampleExpr : fetch ( COMMA+ converter )* COMMA* EOF ;

fetch     : NAME argList? ;
converter : NAME argList? ;

argList  : LPAREN argument ( ARG_SEP argument )* RPAREN ;
argument : argPiece* ;
argPiece : ARG_TEXT | DQUOTED | DQUOTED_OPEN | SQUOTED | SQUOTED_OPEN | ESCAPE | BACKSLASH ;
