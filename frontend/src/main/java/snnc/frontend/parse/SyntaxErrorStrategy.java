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

  @Override
  protected void reportNoViableAlternative(Parser recognizer, NoViableAltException e) {
    Token at = e.getOffendingToken();
    report("parse.syntax", at, "unexpected " + describe(at) + expectedSuffix(recognizer,
        e.getExpectedTokens()));
  }

  @Override
  protected void reportInputMismatch(Parser recognizer, InputMismatchException e) {
    Token at = e.getOffendingToken();
    String expected = expectedList(recognizer, e.getExpectedTokens());
    String message = expected.isEmpty()
        ? "unexpected " + describe(at)
        : "expected " + expected + " but found " + describe(at);
    report("parse.syntax", at, message);
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
    report("parse.missing-token", at, "expected " + (expected.isEmpty() ? "more input" : expected)
        + " but found " + describe(at));
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
