package snnc.frontend.parse;

import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import snnc.diag.Span;

/** Converts ANTLR token positions (0-based columns) into 1-based {@link Span}s. */
final class Spans {

  private Spans() {}

  static Span of(String file, Token token) {
    int line = token.getLine();
    int column = token.getCharPositionInLine() + 1;
    if (token.getType() == Token.EOF) {
      return Span.at(file, line, column);
    }
    String text = token.getText() == null ? "" : token.getText();
    int endLine = line;
    int endColumn = column;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        endLine++;
        endColumn = 1;
      } else {
        endColumn++;
      }
    }
    return new Span(file, line, column, endLine, Math.max(endColumn, endLine == line ? column + 1 : 1));
  }

  static Span of(String file, ParserRuleContext ctx) {
    Span start = of(file, ctx.getStart());
    Token stop = ctx.getStop();
    if (stop == null || stop.getTokenIndex() < ctx.getStart().getTokenIndex()) {
      return start;
    }
    return start.to(of(file, stop));
  }

  static Span of(String file, Token first, Token last) {
    return of(file, first).to(of(file, last));
  }
}
