package snnc.frontend.parse;

import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.FailedPredicateException;
import org.antlr.v4.runtime.InputMismatchException;
import org.antlr.v4.runtime.NoViableAltException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.Vocabulary;
import org.antlr.v4.runtime.misc.IntervalSet;
import snnc.diag.DiagnosticSink;
import snnc.diag.Span;

/**
 * ANTLR's default recovery, but every error becomes a diagnostic with a stable code and a message in
 * plain words ("expected ')' but found 'weight'") instead of a line on the console.
 */
final class SyntaxErrorStrategy extends DefaultErrorStrategy {

  /** More expected alternatives than this are summarised instead of listed. */
  private static final int MAX_LISTED = 6;

  private final String file;
  private final DiagnosticSink sink;
  private int errors;

  SyntaxErrorStrategy(String file, DiagnosticSink sink) {
    this.file = file;
    this.sink = sink;
  }

  int errorCount() {
    return errors;
  }

  private void report(String code, Token at, String message) {
    errors++;
    sink.error(code, Spans.of(file, at), message);
  }

  /**
   * Reports an error about something missing before {@code at}. When {@code at} starts a later
   * line, the gap is at the end of the previous token, so the caret goes there (where the user
   * must type), not at the start of the next statement.
   */
  private void reportBefore(Parser recognizer, String code, Token at, String message) {
    Token previous = recognizer.getInputStream().LT(-1);
    if (previous != null && previous.getType() != Token.EOF && at.getLine() > previous.getLine()) {
      Span end = Spans.of(file, previous);
      errors++;
      sink.error(code, Span.at(file, end.endLine(), end.endColumn()), message);
      return;
    }
    report(code, at, message);
  }

  /** Tokens that start a statement: never dropped as "extra", so the next statement survives. */
  private static final java.util.Set<Integer> STATEMENT_STARTS = java.util.Set.of(
      SnnParser.IMPORT, SnnParser.LET, SnnParser.CELL, SnnParser.NETWORK, SnnParser.POPULATION,
      SnnParser.CONNECT, SnnParser.FOR, SnnParser.RECORD, SnnParser.RUN, SnnParser.TIMESTEP,
      SnnParser.TARGET);

  @Override
  protected Token singleTokenDeletion(Parser recognizer) {
    if (STATEMENT_STARTS.contains(recognizer.getInputStream().LA(1))) {
      return null;
    }
    return super.singleTokenDeletion(recognizer);
  }

  @Override
  protected void reportNoViableAlternative(Parser recognizer, NoViableAltException e) {
    Token at = e.getOffendingToken();
    Token start = e.getStartToken();
    if (start != null && start.getTokenIndex() < at.getTokenIndex()) {
      // The parser read some way into a construct before getting stuck: blame the token where it
      // got stuck, placed right after the last good token.
      Token previous = previousVisible(recognizer, at);
      String what = expectedByRule(recognizer);
      String message = "unexpected " + describe(at) + (what.equals("a value")
          ? " inside this value; is a closing bracket missing?" : "");
      if (previous != null && at.getLine() > previous.getLine()) {
        Span end = Spans.of(file, previous);
        errors++;
        sink.error("parse.syntax", Span.at(file, end.endLine(), end.endColumn()), message);
      } else {
        report("parse.syntax", at, message);
      }
      return;
    }
    String what = expectedList(recognizer, e.getExpectedTokens());
    if (what.isEmpty()) {
      what = expectedByRule(recognizer);
    }
    reportBefore(recognizer, "parse.syntax", at, what.isEmpty() ? "unexpected " + describe(at)
        : "expected " + what + " but found " + describe(at));
  }

  /** The last token on the default channel before {@code token}, or null. */
  private static Token previousVisible(Parser recognizer, Token token) {
    org.antlr.v4.runtime.TokenStream stream = recognizer.getInputStream();
    for (int i = token.getTokenIndex() - 1; i >= 0; i--) {
      Token t = stream.get(i);
      if (t.getChannel() == Token.DEFAULT_CHANNEL) {
        return t;
      }
    }
    return null;
  }

  @Override
  protected void reportInputMismatch(Parser recognizer, InputMismatchException e) {
    Token at = e.getOffendingToken();
    String expected = expectedList(recognizer, e.getExpectedTokens());
    if (expected.isEmpty()) {
      expected = expectedByRule(recognizer);
    }
    String message = expected.isEmpty()
        ? "unexpected " + describe(at)
        : "expected " + expected + " but found " + describe(at);
    IntervalSet wanted = e.getExpectedTokens();
    if (wanted != null && (wanted.contains(SnnParser.RPAREN) || wanted.contains(SnnParser.RBRACK))
        && STATEMENT_STARTS.contains(at.getType())) {
      message += "; is a closing bracket missing?";
    }
    reportBefore(recognizer, "parse.syntax", at, message);
  }

  @Override
  protected void reportFailedPredicate(Parser recognizer, FailedPredicateException e) {
    report("parse.syntax", e.getOffendingToken(), "unexpected " + describe(e.getOffendingToken()));
  }

  @Override
  protected void reportUnwantedToken(Parser recognizer) {
    if (inErrorRecoveryMode(recognizer)) {
      return;
    }
    beginErrorCondition(recognizer);
    Token at = recognizer.getCurrentToken();
    report("parse.unexpected-token", at, "unexpected " + describe(at)
        + expectedSuffix(recognizer, getExpectedTokens(recognizer)));
  }

  @Override
  protected void reportMissingToken(Parser recognizer) {
    if (inErrorRecoveryMode(recognizer)) {
      return;
    }
    beginErrorCondition(recognizer);
    Token at = recognizer.getCurrentToken();
    String expected = expectedList(recognizer, getExpectedTokens(recognizer));
    reportBefore(recognizer, "parse.missing-token", at, "expected "
        + (expected.isEmpty() ? "more input" : expected) + " but found " + describe(at));
  }

  /** What the rule being parsed wanted, in words, when the token list is too long to print. */
  private static String expectedByRule(Parser recognizer) {
    org.antlr.v4.runtime.ParserRuleContext ctx = recognizer.getContext();
    if (ctx instanceof SnnParser.ExprContext || ctx instanceof SnnParser.PrimaryContext) {
      return "a value";
    } else if (ctx instanceof SnnParser.StmtContext || ctx instanceof SnnParser.NetworkDeclContext) {
      return "a statement";
    } else if (ctx instanceof SnnParser.FileContext || ctx instanceof SnnParser.TopItemContext) {
      return "import, let, cell or network";
    } else if (ctx instanceof SnnParser.ClauseContext) {
      return "a clause (weight, delay, receptor, synapse, seed, as)";
    }
    return "";
  }

  private static String expectedSuffix(Parser recognizer, IntervalSet expected) {
    String list = expectedList(recognizer, expected);
    return list.isEmpty() ? "" : "; expected " + list;
  }

  /** "')'", "a name or a number", or empty when too many alternatives would be listed. */
  static String expectedList(Parser recognizer, IntervalSet expected) {
    if (expected == null || expected.isNil()) {
      return "";
    }
    List<Integer> types = expected.toList();
    if (types.size() > MAX_LISTED) {
      return "";
    }
    Vocabulary vocabulary = recognizer.getVocabulary();
    List<String> words = new ArrayList<>();
    for (int type : types) {
      String word = tokenTypeName(vocabulary, type);
      if (!words.contains(word)) {
        words.add(word);
      }
    }
    if (words.size() == 1) {
      return words.get(0);
    }
    return String.join(", ", words.subList(0, words.size() - 1)) + " or "
        + words.get(words.size() - 1);
  }

  static String tokenTypeName(Vocabulary vocabulary, int type) {
    if (type == Token.EOF) {
      return "end of file";
    }
    String symbolic = vocabulary.getSymbolicName(type);
    if ("ID".equals(symbolic)) {
      return "a name";
    } else if ("NUMBER".equals(symbolic)) {
      return "a number";
    } else if ("STRING".equals(symbolic) || "UNTERMINATED_STRING".equals(symbolic)) {
      return "a string";
    }
    String literal = vocabulary.getLiteralName(type);
    return literal != null ? literal : String.valueOf(symbolic);
  }

  static String describe(Token token) {
    if (token.getType() == Token.EOF) {
      return "end of file";
    }
    return "'" + token.getText() + "'";
  }
}
