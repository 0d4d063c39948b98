package snnc.frontend.parse;

import java.util.Optional;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import snnc.diag.DiagnosticSink;
import snnc.diag.Span;
import snnc.frontend.ast.SourceFile;

/**
 * Parses one file into an AST. Lexical and syntax errors go to the sink with stable codes; the
 * parser recovers and reports every error. A file with any error yields no AST, so semantic checks
 * never run on a broken tree.
 */
public final class SourceParser {

  private SourceParser() {}

  /** The parsed file, or empty when the file had lexical or syntax errors (already reported). */
  public static Optional<SourceFile> parse(String file, String text, DiagnosticSink sink) {
    SnnLexer lexer = new SnnLexer(CharStreams.fromString(text, file));
    lexer.removeErrorListeners();
    int[] lexerErrors = {0};
    lexer.addErrorListener(new BaseErrorListener() {
      @Override
      public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line,
          int charPositionInLine, String msg, RecognitionException e) {
        lexerErrors[0]++;
        sink.error("lex.bad-character", Span.at(file, line, charPositionInLine + 1),
            "this character is not part of the language");
      }
    });
    CommonTokenStream tokens = new CommonTokenStream(lexer);
    tokens.fill();
    for (Token token : tokens.getTokens()) {
      switch (token.getType()) {
        case SnnLexer.BAD_CHARACTER -> {
          lexerErrors[0]++;
          sink.error("lex.bad-character", Spans.of(file, token),
              "unexpected character '" + token.getText() + "'");
        }
        case SnnLexer.UNTERMINATED_STRING -> {
          lexerErrors[0]++;
          sink.error("lex.unterminated-string", Spans.of(file, token),
              "string is not closed on this line", "add a closing '\"'");
        }
        case SnnLexer.UNTERMINATED_COMMENT -> {
          lexerErrors[0]++;
          sink.error("lex.unterminated-comment", Span.at(file, token.getLine(),
              token.getCharPositionInLine() + 1), "block comment is never closed",
              "add '*/' where the comment ends");
        }
        default -> { }
      }
    }
    SnnParser parser = new SnnParser(tokens);
    parser.removeErrorListeners();
    SyntaxErrorStrategy strategy = new SyntaxErrorStrategy(file, sink);
    parser.setErrorHandler(strategy);
    SnnParser.FileContext tree = parser.file();
    if (lexerErrors[0] > 0 || strategy.errorCount() > 0 || parser.getNumberOfSyntaxErrors() > 0) {
      return Optional.empty();
    }
    return Optional.of(new AstBuilder(file).file(tree));
  }
}
