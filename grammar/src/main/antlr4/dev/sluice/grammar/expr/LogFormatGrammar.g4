/*
 * Structure of a log-format string. SAMPLE, EXPR_CLOSE and LEX_ERROR come from the token source:
 * SAMPLE is the text of a sample expression that the sample expression parser accepted,
 * EXPR_CLOSE its closing ']', and LEX_ERROR stands for a mistake found while cutting the text
 * (it is never accepted, so the parse stops there with its message).
 */
parser grammar LogFormatGrammar;

options { tokenVocab = LogFormatLexer; }

tokens { SAMPLE, EXPR_CLOSE, LEX_ERROR }

logFormat  : part* EOF ;
part       : literal | alias | expression ;
literal    : TEXT | ESCAPED_PERCENT | LONE_PERCENT ;
alias      : ALIAS | OPTIONS OPT_ALIAS ;
expression : ( EXPR_OPEN | OPTIONS OPT_EXPR_OPEN ) SAMPLE EXPR_CLOSE ;
