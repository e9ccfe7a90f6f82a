/*
 * Conditions after 'if' / 'unless', and ACL expressions (the body of an 'acl' line and of an
 * anonymous ACL between braces). The input is the line's words, already decoded by the
 * configuration tokenizer; a token source gives each word one of the token types below, so this
 * grammar sees words, never characters.
 *
 * Outside braces a word is classified after removing its leading '!' characters: nothing left is
 * BANG, 'or' (any case) or '||' is OR, '{' is LBRACE, anything else names an ACL. After LBRACE
 * the words are ACL expression words up to the first word that is exactly '}' (RBRACE); when
 * there is none the token source says so with MISSING_RBRACE. Words of an ACL expression are
 * classified by their text alone: its options, or WORD.
 *
 * The grammar accepts every word sequence that starts with 'if' or 'unless', as HAProxy does;
 * what HAProxy rejects beyond that (a name that can never be an ACL, a missing '}', a bad ACL
 * option) is reported in order, left to right, while the tree is turned into an AST.
 */
parser grammar ConditionGrammar;

tokens {
    IF, UNLESS, OR, BANG, NAME, LBRACE, RBRACE, MISSING_RBRACE,
    IGNORE_CASE, NO_DNS, MAP_FORMAT, UNIQUE_ID, PATTERN_FILE, MATCH_METHOD, END_OF_OPTIONS,
    BAD_OPTION, WORD
}

condition   : polarity=( IF | UNLESS ) disjunction EOF ;
disjunction : conjunction ( OR conjunction )* ;
// Consecutive terms are AND-ed. Exclamation marks toggle the next term; trailing ones are lost.
conjunction : factor* BANG* ;
factor      : BANG* term ;
term        : NAME | anonymousAcl ;
anonymousAcl: LBRACE aclBody closing=( RBRACE | MISSING_RBRACE ) ;

// 'acl NAME criterion [flags] [values]', the words after 'acl'.
aclDefinition : ( name=bodyWord aclBody )? EOF ;
// 'criterion [flags] [values]' alone.
aclExpr       : aclBody EOF ;

aclBody   : ( criterion=bodyWord aclOption* aclValues )? ;
// An option that takes an argument takes the next word, whatever it is.
aclOption : IGNORE_CASE | NO_DNS | MAP_FORMAT | BAD_OPTION
          | ( UNIQUE_ID | PATTERN_FILE | MATCH_METHOD ) bodyWord?
          ;
// '--' ends the options; otherwise the first word that does not start with '-' does.
aclValues : ( END_OF_OPTIONS | WORD ) bodyWord* | ;
bodyWord  : WORD | IGNORE_CASE | NO_DNS | MAP_FORMAT | UNIQUE_ID | PATTERN_FILE | MATCH_METHOD
          | END_OF_OPTIONS | BAD_OPTION
          ;
