package dev.beamglue.io.catalog;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A push-down predicate over a table's partition columns, in the SQL subset Glue and Spark accept
 * for {@code push_down_predicate}: comparisons ({@code = <> != < <= > >=}), {@code IN (...)},
 * {@code BETWEEN a AND b} (each with an optional {@code NOT}), {@code AND}, {@code OR}, {@code NOT}
 * and parentheses, over partition columns (plain or in backticks), quoted strings ({@code '...'},
 * {@code ''} for a quote) and numbers. Two values compare as numbers when both are numbers, else
 * as strings, so {@code month = 4} matches the folder {@code month=04}.
 *
 * <p>{@code PartitionPredicate.parse("year = '2017' AND month IN ('04','05')", table).matches(p)}
 *
 * <p>The predicate is checked when it is parsed: a column that is not a partition key, or a syntax
 * error, throws {@link IllegalArgumentException} with one sentence that says which and where.
 */
public final class PartitionPredicate implements Serializable {

  private final String text;
  private final Node root;

  private PartitionPredicate(String text, Node root) {
    this.text = text;
    this.root = root;
  }

  /** Parses the predicate against the partition keys of {@code table}. */
  public static PartitionPredicate parse(String predicate, CatalogTable table) {
    return parse(predicate, table.database() + "." + table.name(), table.partitionKeys());
  }

  /**
   * Parses the predicate against the partition keys of the table named {@code tableName}
   * ({@code db.table}, used in messages); names compare without regard to case.
   */
  public static PartitionPredicate parse(
      String predicate, String tableName, List<String> partitionKeys) {
    if (predicate == null || predicate.isBlank()) {
      throw new IllegalArgumentException("The push-down predicate for " + tableName + " is empty.");
    }
    if (partitionKeys.isEmpty()) {
      throw new IllegalArgumentException(
          tableName + " has no partition keys, so it cannot take the push-down predicate \""
              + predicate + "\".");
    }
    Parser parser = new Parser(predicate, tableName, partitionKeys);
    Node root = parser.parseAll();
    return new PartitionPredicate(predicate, root);
  }

  /** Whether a partition with these values (one per partition key, in key order) matches. */
  public boolean matches(List<String> values) {
    return root.test(values);
  }

  /** Whether the partition matches. */
  public boolean matches(CatalogPartition partition) {
    return matches(partition.values());
  }

  /** The predicate as it was given. */
  public String text() {
    return text;
  }

  @Override
  public String toString() {
    return text;
  }

  // ---------------------------------------------------------------- evaluation

  private interface Node extends Serializable {
    boolean test(List<String> values);
  }

  /** A column (by its position among the partition keys) or a literal. */
  private static final class Operand implements Serializable {
    final int column; // -1 for a literal
    final String literal;

    Operand(int column, String literal) {
      this.column = column;
      this.literal = literal;
    }

    String value(List<String> values) {
      return column >= 0 ? values.get(column) : literal;
    }
  }

  /** Compares as numbers when both are numbers, else as strings; null sorts nowhere. */
  static int compare(String left, String right) {
    BigDecimal l = number(left);
    BigDecimal r = number(right);
    if (l != null && r != null) {
      return l.compareTo(r);
    }
    return left.compareTo(right);
  }

  private static BigDecimal number(String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    char first = text.charAt(0);
    if (!(Character.isDigit(first) || first == '-' || first == '+' || first == '.')) {
      return null;
    }
    try {
      return new BigDecimal(text.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static final class Comparison implements Node {
    final Operand left;
    final String op;
    final Operand right;

    Comparison(Operand left, String op, Operand right) {
      this.left = left;
      this.op = op;
      this.right = right;
    }

    @Override
    public boolean test(List<String> values) {
      String l = left.value(values);
      String r = right.value(values);
      if (l == null || r == null) {
        return false;
      }
      int c = compare(l, r);
      switch (op) {
        case "=":
          return c == 0;
        case "<>":
        case "!=":
          return c != 0;
        case "<":
          return c < 0;
        case "<=":
          return c <= 0;
        case ">":
          return c > 0;
        default:
          return c >= 0;
      }
    }
  }

  private static final class In implements Node {
    final Operand value;
    final List<Operand> options;

    In(Operand value, List<Operand> options) {
      this.value = value;
      this.options = options;
    }

    @Override
    public boolean test(List<String> values) {
      String v = value.value(values);
      if (v == null) {
        return false;
      }
      for (Operand option : options) {
        String o = option.value(values);
        if (o != null && compare(v, o) == 0) {
          return true;
        }
      }
      return false;
    }
  }

  private static final class Between implements Node {
    final Operand value;
    final Operand low;
    final Operand high;

    Between(Operand value, Operand low, Operand high) {
      this.value = value;
      this.low = low;
      this.high = high;
    }

    @Override
    public boolean test(List<String> values) {
      String v = value.value(values);
      String l = low.value(values);
      String h = high.value(values);
      return v != null && l != null && h != null && compare(v, l) >= 0 && compare(v, h) <= 0;
    }
  }

  private static final class Not implements Node {
    final Node inner;

    Not(Node inner) {
      this.inner = inner;
    }

    @Override
    public boolean test(List<String> values) {
      return !inner.test(values);
    }
  }

  private static final class And implements Node {
    final Node left;
    final Node right;

    And(Node left, Node right) {
      this.left = left;
      this.right = right;
    }

    @Override
    public boolean test(List<String> values) {
      return left.test(values) && right.test(values);
    }
  }

  private static final class Or implements Node {
    final Node left;
    final Node right;

    Or(Node left, Node right) {
      this.left = left;
      this.right = right;
    }

    @Override
    public boolean test(List<String> values) {
      return left.test(values) || right.test(values);
    }
  }

  // ---------------------------------------------------------------- parsing

  private enum Kind {
    NAME,
    STRING,
    NUMBER,
    OPERATOR,
    OPEN,
    CLOSE,
    COMMA,
    END
  }

  private static final class Token {
    final Kind kind;
    final String text;
    final int position; // 1-based

    Token(Kind kind, String text, int position) {
      this.kind = kind;
      this.text = text;
      this.position = position;
    }

    boolean isWord(String word) {
      return kind == Kind.NAME && text.equalsIgnoreCase(word);
    }

    String describe() {
      return kind == Kind.END ? "the end" : "'" + text + "'";
    }
  }

  /** A recursive-descent parser: or := and (OR and)*; and := not (AND not)*; not := NOT not | atom. */
  private static final class Parser {
    private final String source;
    private final String tableName;
    private final List<String> keys;
    private final List<Token> tokens;
    private int next;

    Parser(String source, String tableName, List<String> keys) {
      this.source = source;
      this.tableName = tableName;
      this.keys = keys;
      this.tokens = tokenize();
    }

    Node parseAll() {
      Node node = or();
      Token end = peek();
      if (end.kind != Kind.END) {
        throw error(end, "expected AND, OR or the end, not " + end.describe());
      }
      return node;
    }

    private Node or() {
      Node node = and();
      while (peek().isWord("OR")) {
        next++;
        node = new Or(node, and());
      }
      return node;
    }

    private Node and() {
      Node node = not();
      while (peek().isWord("AND")) {
        next++;
        node = new And(node, not());
      }
      return node;
    }

    private Node not() {
      if (peek().isWord("NOT")) {
        next++;
        return new Not(not());
      }
      return atom();
    }

    private Node atom() {
      Token token = peek();
      if (token.kind == Kind.OPEN) {
        next++;
        Node inner = or();
        expect(Kind.CLOSE, "')'");
        return inner;
      }
      Operand left = operand();
      Token op = peek();
      boolean negated = false;
      if (op.isWord("NOT")) {
        next++;
        negated = true;
        op = peek();
        if (!op.isWord("IN") && !op.isWord("BETWEEN")) {
          throw error(op, "expected IN or BETWEEN after NOT, not " + op.describe());
        }
      }
      Node node;
      if (op.kind == Kind.OPERATOR) {
        next++;
        node = new Comparison(left, op.text, operand());
      } else if (op.isWord("IN")) {
        next++;
        expect(Kind.OPEN, "'(' after IN");
        List<Operand> options = new ArrayList<>();
        options.add(operand());
        while (peek().kind == Kind.COMMA) {
          next++;
          options.add(operand());
        }
        expect(Kind.CLOSE, "',' or ')' in the IN list");
        node = new In(left, options);
      } else if (op.isWord("BETWEEN")) {
        next++;
        Operand low = operand();
        Token and = peek();
        if (!and.isWord("AND")) {
          throw error(and, "expected AND in BETWEEN, not " + and.describe());
        }
        next++;
        node = new Between(left, low, operand());
      } else {
        throw error(op, "expected a comparison (=, <>, !=, <, <=, >, >=, IN or BETWEEN), not "
            + op.describe());
      }
      return negated ? new Not(node) : node;
    }

    private Operand operand() {
      Token token = peek();
      switch (token.kind) {
        case STRING:
        case NUMBER:
          next++;
          return new Operand(-1, token.text);
        case NAME:
          if (isKeyword(token.text)) {
            throw error(token, "expected a partition column or a value, not " + token.describe());
          }
          next++;
          return new Operand(column(token), null);
        default:
          throw error(token, "expected a partition column or a value, not " + token.describe());
      }
    }

    private int column(Token name) {
      for (int i = 0; i < keys.size(); i++) {
        if (keys.get(i).equalsIgnoreCase(name.text)) {
          return i;
        }
      }
      throw new IllegalArgumentException(
          "The push-down predicate names '" + name.text + "', which is not a partition key of "
              + tableName + "; its partition keys are " + String.join(", ", keys) + ".");
    }

    private static boolean isKeyword(String word) {
      String upper = word.toUpperCase(Locale.ROOT);
      return upper.equals("AND") || upper.equals("OR") || upper.equals("NOT")
          || upper.equals("IN") || upper.equals("BETWEEN");
    }

    private void expect(Kind kind, String what) {
      Token token = peek();
      if (token.kind != kind) {
        throw error(token, "expected " + what + ", not " + token.describe());
      }
      next++;
    }

    private Token peek() {
      return tokens.get(next);
    }

    private IllegalArgumentException error(Token at, String why) {
      return syntax(at.position, why);
    }

    private IllegalArgumentException syntax(int position, String why) {
      return new IllegalArgumentException(
          "The push-down predicate \"" + source + "\" has a syntax error at position " + position
              + ": " + why + ".");
    }

    private List<Token> tokenize() {
      List<Token> out = new ArrayList<>();
      int i = 0;
      int n = source.length();
      while (i < n) {
        char c = source.charAt(i);
        int start = i;
        if (Character.isWhitespace(c)) {
          i++;
        } else if (c == '\'' || c == '"') {
          StringBuilder text = new StringBuilder();
          i++;
          while (true) {
            if (i >= n) {
              throw syntax(start + 1, "the quoted string that starts here is not closed");
            }
            char d = source.charAt(i);
            if (d == c) {
              if (i + 1 < n && source.charAt(i + 1) == c) {
                text.append(c);
                i += 2;
                continue;
              }
              i++;
              break;
            }
            text.append(d);
            i++;
          }
          out.add(new Token(Kind.STRING, text.toString(), start + 1));
        } else if (c == '`') {
          int close = source.indexOf('`', i + 1);
          if (close < 0) {
            throw syntax(start + 1, "the quoted column name that starts here is not closed");
          }
          out.add(new Token(Kind.NAME, source.substring(i + 1, close), start + 1));
          i = close + 1;
        } else if (Character.isDigit(c)
            || ((c == '-' || c == '.') && i + 1 < n && Character.isDigit(source.charAt(i + 1)))) {
          i++;
          while (i < n && (Character.isDigit(source.charAt(i)) || source.charAt(i) == '.')) {
            i++;
          }
          String number = source.substring(start, i);
          if (number(number) == null) {
            throw syntax(start + 1, "'" + number + "' is not a number");
          }
          out.add(new Token(Kind.NUMBER, number, start + 1));
        } else if (Character.isLetter(c) || c == '_') {
          while (i < n && (Character.isLetterOrDigit(source.charAt(i)) || source.charAt(i) == '_')) {
            i++;
          }
          out.add(new Token(Kind.NAME, source.substring(start, i), start + 1));
        } else if (c == '(') {
          out.add(new Token(Kind.OPEN, "(", ++i));
        } else if (c == ')') {
          out.add(new Token(Kind.CLOSE, ")", ++i));
        } else if (c == ',') {
          out.add(new Token(Kind.COMMA, ",", ++i));
        } else if (c == '=') {
          out.add(new Token(Kind.OPERATOR, "=", start + 1));
          i += source.startsWith("==", i) ? 2 : 1;
        } else if (c == '<' || c == '>' || c == '!') {
          String op;
          if (source.startsWith("<=", i) || source.startsWith(">=", i)
              || source.startsWith("<>", i) || source.startsWith("!=", i)) {
            op = source.substring(i, i + 2);
          } else if (c == '!') {
            throw syntax(start + 1, "'!' must be followed by '='");
          } else {
            op = String.valueOf(c);
          }
          out.add(new Token(Kind.OPERATOR, op, start + 1));
          i += op.length();
        } else {
          throw syntax(start + 1, "'" + c + "' is not allowed here");
        }
      }
      out.add(new Token(Kind.END, "", n + 1));
      return out;
    }
  }
}
