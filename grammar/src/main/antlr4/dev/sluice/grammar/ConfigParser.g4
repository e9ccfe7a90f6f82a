/*
 * The structure of a haproxy.cfg file: lines of words, each word a sequence of fragments
 * (plain text, escapes, quoted strings). Every token sequence ConfigLexer produces is accepted;
 * the meaning of each line (sections, conditional blocks) is the AST builder's business.
 */
parser grammar ConfigParser;

options { tokenVocab = ConfigLexer; }

config   : ( line NEWLINE )* line EOF ;

line     : BLANK? ( word ( BLANK word )* BLANK? )? COMMENT? LINE_REST? ;

word     : piece+ ;

piece    : TEXT                                  # text
         | ( ESCAPE | HEX_ESCAPE )               # escape
         | BAD_HEX                               # badHex
         | BACKSLASH                             # backslash
         | DQ_OPEN dqPart* DQ_CLOSE?             # doubleQuoted
         | SQ_OPEN SQ_TEXT? SQ_CLOSE?            # singleQuoted
         ;

dqPart   : DQ_TEXT | ESCAPE | HEX_ESCAPE | BAD_HEX | BACKSLASH
         | VAR | VAR_BRACED | VAR_UNCLOSED | VAR_BAD_EXPAND | VAR_BAD_NAME ;
