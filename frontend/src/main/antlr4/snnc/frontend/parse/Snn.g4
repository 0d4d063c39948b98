// The snnc model language. See docs/language.md for the reference.
grammar Snn;

file
  : topItem* EOF
  ;

topItem
  : importDecl
  | letDecl
  | cellDecl
  | networkDecl
  ;

importDecl
  : IMPORT string
  ;

letDecl
  : LET name=ID ASSIGN expr
  ;

cellDecl
  : CELL name=ID ASSIGN cellExpr
  ;

networkDecl
  : NETWORK name=ID LBRACE stmt* RBRACE
  ;

stmt
  : letDecl                                   # letStmt
  | cellDecl                                  # cellStmt
  | TIMESTEP expr                             # timestepStmt
  | SEED expr                                 # seedStmt
  | RUN expr                                  # runStmt
  | POPULATION name=ID (LBRACK count=expr RBRACK)? ASSIGN cellExpr (STAR size=expr)?  # populationStmt
  | CONNECT pre=popRef ARROW post=popRef connector clause*                          # connectStmt
  | FOR var=ID IN from=expr range=(DOTDOT | DOTDOTLT) to=expr LBRACE stmt* RBRACE   # forStmt
  | RECORD recordItem (COMMA recordItem)*     # recordStmt
  | TARGET name=ID LBRACE targetItem* RBRACE  # targetStmt
  ;

cellExpr
  : name=ID (LPAREN argList? RPAREN)?
  ;

popRef
  : name=ID (LBRACK index=expr RBRACK)?
  ;

// from_list and from_file take an operand: a list or file name, or a constant holding one.
connector
  : name=ID (LPAREN argList? RPAREN)? (list | string | operand=ID)?
  ;

clause
  : WEIGHT expr                               # weightClause
  | DELAY expr                                # delayClause
  | RECEPTOR name=ID                          # receptorClause
  | SYNAPSE name=ID (LPAREN argList? RPAREN)? # synapseClause
  | SEED expr                                 # seedClause
  | AS name=ID                                # asClause
  ;

recordItem
  : name=ID selector* DOT (vars+=ID | LBRACE vars+=ID (COMMA vars+=ID)* RBRACE)
  ;

selector
  : LBRACK STAR RBRACK                                      # allSelector
  | LBRACK from=expr range=(DOTDOT | DOTDOTLT) to=expr RBRACK  # rangeSelector
  | LBRACK index=expr RBRACK                                # indexSelector
  ;

targetItem
  : NEURONS_PER_CORE (popRef)? expr           # neuronsPerCoreItem
  | NUMERICS numericsName                     # numericsItem
  | PIN popRef ARROW expr                     # pinItem
  ;

numericsName
  : string
  | ID (DOT (ID | NUMBER))*
  ;

argList
  : arg (COMMA arg)* COMMA?
  ;

arg
  : (name=argName ASSIGN)? value=expr (SEED seed=expr)?
  ;

// Argument names may be words that are keywords elsewhere (convolution's `in`, a `delay` option).
argName
  : ID | IN | WEIGHT | DELAY | SEED | RECEPTOR | SYNAPSE | TARGET
  ;

expr
  : op=MINUS expr                             # negExpr
  | expr op=(STAR | SLASH | PERCENT) expr     # mulExpr
  | expr op=(PLUS | MINUS) expr               # addExpr
  | primary                                   # primaryExpr
  ;

primary
  : NUMBER unit=ID?                           # numberPrimary
  // Parentheses and tuples are one alternative, told apart at the token after the first expression;
  // as two alternatives with a common prefix, prediction scanned to the closing parenthesis at every
  // nesting level (seconds for ~200 levels).
  | LPAREN expr (RPAREN unit=ID? | (COMMA expr)+ COMMA? RPAREN)  # parenPrimary
  | list                                      # listPrimary
  | name=ID LPAREN argList? RPAREN            # callPrimary
  | name=ID                                   # namePrimary
  | (TRUE | FALSE)                            # boolPrimary
  | string                                    # stringPrimary
  ;

list
  : LBRACK (expr (COMMA expr)* COMMA?)? RBRACK
  ;

string
  : STRING
  | UNTERMINATED_STRING
  ;

// Keywords.
IMPORT : 'import';
LET : 'let';
CELL : 'cell';
NETWORK : 'network';
TIMESTEP : 'timestep';
SEED : 'seed';
RUN : 'run';
POPULATION : 'population';
CONNECT : 'connect';
FOR : 'for';
IN : 'in';
RECORD : 'record';
TARGET : 'target';
WEIGHT : 'weight';
DELAY : 'delay';
RECEPTOR : 'receptor';
SYNAPSE : 'synapse';
AS : 'as';
TRUE : 'true';
FALSE : 'false';
NEURONS_PER_CORE : 'neurons_per_core';
NUMERICS : 'numerics';
PIN : 'pin';

// Punctuation.
ARROW : '->';
DOTDOTLT : '..<';
DOTDOT : '..';
DOT : '.';
ASSIGN : '=';
LPAREN : '(';
RPAREN : ')';
LBRACK : '[';
RBRACK : ']';
LBRACE : '{';
RBRACE : '}';
COMMA : ',';
PLUS : '+';
MINUS : '-';
STAR : '*';
SLASH : '/';
PERCENT : '%';

NUMBER
  : DIGITS ('.' DIGITS)? ([eE] [+-]? DIGITS)?
  ;

fragment DIGITS : [0-9]+ ('_' [0-9]+)*;

ID : [a-zA-Z_\u00B5\u03BC] [a-zA-Z_0-9\u00B5\u03BC]*;

STRING : '"' (~["\\\r\n] | '\\' ~[\r\n])* '"';

// A string without its closing quote on the same line; reported as lex.unterminated-string.
UNTERMINATED_STRING : '"' (~["\\\r\n] | '\\' ~[\r\n])*;

LINE_COMMENT : '//' ~[\r\n]* -> channel(HIDDEN);
BLOCK_COMMENT : '/*' .*? '*/' -> channel(HIDDEN);

// A block comment that never closes; it cannot run across a `*/`, so it only wins at end of file.
UNTERMINATED_COMMENT : '/*' (~'*' | '*'+ ~[*/])* '*'* EOF -> channel(HIDDEN);

WS : [ \t\r\n\f]+ -> channel(HIDDEN);

// Anything else is one bad character, reported as lex.bad-character and otherwise skipped.
BAD_CHARACTER : . -> channel(HIDDEN);
