package snnc.frontend;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes plausible broken models from good ones: token deletions, duplications, swaps and
 * replacements, flipped characters, stray punctuation, truncation, line edits, extreme numbers and
 * deep nesting. It knows only a rough lexical shape of the DSL, on purpose: a mutation that lands
 * in a comment or splits a token is as interesting as one that does not.
 */
final class SourceMutator {

  /** A lexical token of the rough tokenizer; whitespace tokens are kept so text round-trips. */
  record Token(Kind kind, String text) {}

  enum Kind {
    SPACE, COMMENT, STRING, NUMBER, WORD, PUNCT
  }

  private static final Pattern TOKEN = Pattern.compile(
      "(?<space>\\s+)"
          + "|(?<comment>//[^\\n]*|/\\*[\\s\\S]*?\\*/)"
          + "|(?<string>\"(?:[^\"\\\\\\n]|\\\\.)*\"?)"
          + "|(?<number>\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?)"
          + "|(?<word>[\\p{L}_][\\p{L}\\p{N}_]*)"
          + "|(?<punct>->|\\.\\.|[^\\s])");

  private static final String[] PUNCTUATION = {
      "(", ")", "[", "]", "{", "}", ",", ".", "..", "->", "*", "+", "-", "/", "=", ":", ";",
      "\"", "'", "#", "@", "$", "%", "^", "&", "|", "\\", "~", "?", "<", ">", "!", "/*", "*/",
      "//", "`"};

  private static final String[] EXTREME_NUMBERS = {
      "0", "-0", "0.0", "1e308", "1e309", "1e-320", "4.9e-324", "99999999999999999999",
      "2147483647", "2147483648", "-2147483648", "9223372036854775808", "0.5", "0.0001",
      "1.5", "-1", "-100", "1e9", "123456789012", "007", "1.", ".5", "1e", "1e+", "0x10"};

  private static final String[] ODD_CHARACTERS = {
      "\u0000", "\t", "\r", "\u00b5", "\u00e9", "\u20ac", "\ufeff", "\ud83d\ude00", "\u200b",
      "\u00a0", "\u0007", "\u2028", "\\", "\"", "'", "`", "\ud800"};

  private final List<String> tokenPool;

  SourceMutator(Collection<String> corpus) {
    Set<String> pool = new LinkedHashSet<>();
    for (String text : corpus) {
      for (Token t : tokenize(text)) {
        if (t.kind() != Kind.SPACE && t.kind() != Kind.COMMENT) {
          pool.add(t.text());
        }
      }
    }
    pool.addAll(List.of("network", "population", "connect", "import", "let", "cell", "for",
        "in", "record", "run", "timestep", "seed", "target", "weight", "delay", "synapse",
        "receptor", "as", "from_list", "from_file", "pin", "msec", "mv", "nA", "Hz", "uS"));
    this.tokenPool = List.copyOf(pool);
  }

  static List<Token> tokenize(String text) {
    List<Token> tokens = new ArrayList<>();
    Matcher m = TOKEN.matcher(text);
    int at = 0;
    while (at < text.length() && m.find(at)) {
      Kind kind = m.group("space") != null ? Kind.SPACE
          : m.group("comment") != null ? Kind.COMMENT
          : m.group("string") != null ? Kind.STRING
          : m.group("number") != null ? Kind.NUMBER
          : m.group("word") != null ? Kind.WORD : Kind.PUNCT;
      tokens.add(new Token(kind, m.group()));
      at = m.end();
    }
    return tokens;
  }

  /** The result of mutating an input: the new text and the names of the edits applied. */
  record Mutation(String text, List<String> edits) {}

  /** Applies one to three random edits to {@code text}. */
  Mutation mutate(String text, Random rnd) {
    List<String> edits = new ArrayList<>();
    String current = text;
    int rounds = 1 + rnd.nextInt(3);
    for (int i = 0; i < rounds; i++) {
      Edit edit = Edit.values()[rnd.nextInt(Edit.values().length)];
      current = apply(edit, current, rnd);
      edits.add(edit.name().toLowerCase());
    }
    return new Mutation(current, edits);
  }

  private enum Edit {
    DELETE_TOKEN, DUPLICATE_TOKEN, SWAP_TOKENS, REPLACE_TOKEN, REPLACE_TOKEN_2, FLIP_CHARACTER,
    INSERT_PUNCTUATION, TRUNCATE, DUPLICATE_LINE, DELETE_LINE, SWAP_LINES, EXTREME_NUMBER,
    NEGATE_NUMBER, EXTREME_NUMBER_2, DELETE_SPAN, DEEP_NESTING, ODD_CHARACTER, DROP_UNIT
  }

  private String apply(Edit edit, String text, Random rnd) {
    List<Token> tokens = tokenize(text);
    List<Integer> solid = indices(tokens, null);
    switch (edit) {
      case DELETE_TOKEN:
        if (!solid.isEmpty()) {
          tokens.remove((int) pick(solid, rnd));
        }
        return join(tokens);
      case DUPLICATE_TOKEN:
        if (!solid.isEmpty()) {
          int i = pick(solid, rnd);
          tokens.add(i, new Token(Kind.SPACE, " "));
          tokens.add(i, tokens.get(i + 1));
        }
        return join(tokens);
      case SWAP_TOKENS:
        if (solid.size() >= 2) {
          int k = rnd.nextInt(solid.size() - 1);
          int a = solid.get(k);
          int b = solid.get(k + 1);
          Token ta = tokens.get(a);
          tokens.set(a, tokens.get(b));
          tokens.set(b, ta);
        }
        return join(tokens);
      case REPLACE_TOKEN:
      case REPLACE_TOKEN_2:
        if (!solid.isEmpty()) {
          tokens.set(pick(solid, rnd),
              new Token(Kind.WORD, tokenPool.get(rnd.nextInt(tokenPool.size()))));
        }
        return join(tokens);
      case FLIP_CHARACTER: {
        if (text.isEmpty()) {
          return text;
        }
        int at = rnd.nextInt(text.length());
        char c = (char) (0x20 + rnd.nextInt(0x5f));
        return text.substring(0, at) + c + text.substring(at + 1);
      }
      case ODD_CHARACTER: {
        int at = rnd.nextInt(text.length() + 1);
        return text.substring(0, at) + ODD_CHARACTERS[rnd.nextInt(ODD_CHARACTERS.length)]
            + text.substring(at);
      }
      case INSERT_PUNCTUATION: {
        int at = rnd.nextInt(tokens.size() + 1);
        tokens.add(at, new Token(Kind.PUNCT, PUNCTUATION[rnd.nextInt(PUNCTUATION.length)]));
        return join(tokens);
      }
      case TRUNCATE:
        return text.substring(0, rnd.nextInt(text.length() + 1));
      case DELETE_SPAN: {
        if (text.isEmpty()) {
          return text;
        }
        int from = rnd.nextInt(text.length());
        int to = Math.min(text.length(), from + 1 + rnd.nextInt(40));
        return text.substring(0, from) + text.substring(to);
      }
      case DUPLICATE_LINE:
      case DELETE_LINE:
      case SWAP_LINES:
        return editLines(edit, text, rnd);
      case EXTREME_NUMBER:
      case EXTREME_NUMBER_2: {
        List<Integer> numbers = indices(tokens, Kind.NUMBER);
        if (!numbers.isEmpty()) {
          tokens.set(pick(numbers, rnd), new Token(Kind.NUMBER,
              EXTREME_NUMBERS[rnd.nextInt(EXTREME_NUMBERS.length)]));
        }
        return join(tokens);
      }
      case NEGATE_NUMBER: {
        List<Integer> numbers = indices(tokens, Kind.NUMBER);
        if (!numbers.isEmpty()) {
          tokens.add(pick(numbers, rnd), new Token(Kind.PUNCT, "-"));
        }
        return join(tokens);
      }
      case DROP_UNIT: {
        // "20 ms" -> "20": the most common slip of all.
        List<Integer> numbers = indices(tokens, Kind.NUMBER);
        if (!numbers.isEmpty()) {
          int i = pick(numbers, rnd);
          if (i + 2 < tokens.size() && tokens.get(i + 1).kind() == Kind.SPACE
              && tokens.get(i + 2).kind() == Kind.WORD) {
            tokens.remove(i + 2);
          }
        }
        return join(tokens);
      }
      case DEEP_NESTING: {
        List<Integer> numbers = indices(tokens, Kind.NUMBER);
        if (!numbers.isEmpty()) {
          int i = pick(numbers, rnd);
          int depth = 20 + rnd.nextInt(180);
          String t = tokens.get(i).text();
          tokens.set(i, new Token(Kind.NUMBER, "(".repeat(depth) + t + ")".repeat(depth)));
        }
        return join(tokens);
      }
      default:
        throw new AssertionError(edit);
    }
  }

  private static String editLines(Edit edit, String text, Random rnd) {
    List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
    int i = rnd.nextInt(lines.size());
    switch (edit) {
      case DUPLICATE_LINE:
        lines.add(i, lines.get(i));
        break;
      case DELETE_LINE:
        lines.remove(i);
        break;
      default: {
        int j = rnd.nextInt(lines.size());
        String tmp = lines.get(i);
        lines.set(i, lines.get(j));
        lines.set(j, tmp);
      }
    }
    return String.join("\n", lines);
  }

  private static List<Integer> indices(List<Token> tokens, Kind kind) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < tokens.size(); i++) {
      Kind k = tokens.get(i).kind();
      if (kind == null ? k != Kind.SPACE && k != Kind.COMMENT : k == kind) {
        out.add(i);
      }
    }
    return out;
  }

  private static int pick(List<Integer> from, Random rnd) {
    return from.get(rnd.nextInt(from.size()));
  }

  private static String join(List<Token> tokens) {
    StringBuilder out = new StringBuilder();
    for (Token t : tokens) {
      out.append(t.text());
    }
    return out.toString();
  }
}
