package dev.beamglue.io.catalog;

import dev.beamglue.transforms.schema.GlueTypes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.logicaltypes.FixedPrecisionNumeric;
import org.apache.beam.sdk.schemas.logicaltypes.SqlTypes;

/**
 * A recursive-descent reader of one Glue (Hive) type string, for {@link GlueColumnTypes#parse}.
 *
 * <p>{@code FieldType t = new GlueTypeParser("array<struct<a:int>>").parseWhole();}
 */
final class GlueTypeParser {

  private final String text;
  private int pos;

  GlueTypeParser(String text) {
    this.text = text == null ? "" : text;
  }

  FieldType parseWhole() {
    skipSpaces();
    FieldType type = type();
    skipSpaces();
    if (pos < text.length()) {
      throw error("unexpected '" + text.charAt(pos) + "' after the type");
    }
    return type.withNullable(true);
  }

  private FieldType type() {
    skipSpaces();
    int start = pos;
    String word = word();
    if (word.isEmpty()) {
      throw error(pos < text.length() ? "expected a type name, found '" + text.charAt(pos) + "'"
          : "expected a type name, found the end");
    }
    switch (word.toLowerCase(Locale.ROOT)) {
      case "boolean":
        return FieldType.BOOLEAN;
      case "tinyint":
      case "byte":
        return FieldType.BYTE;
      case "smallint":
      case "short":
        return FieldType.INT16;
      case "int":
      case "integer":
        return FieldType.INT32;
      case "bigint":
      case "long":
        return FieldType.INT64;
      case "float":
        return FieldType.FLOAT;
      case "double":
        return FieldType.DOUBLE;
      case "string":
        return FieldType.STRING;
      case "varchar":
      case "char":
        if (peek('(')) {
          expect('(');
          number();
          expect(')');
        }
        return FieldType.STRING;
      case "binary":
        return FieldType.BYTES;
      case "date":
        return FieldType.logicalType(SqlTypes.DATE);
      case "timestamp":
        return FieldType.DATETIME;
      case "decimal":
        return decimal();
      case "array":
        return array();
      case "map":
        return map();
      case "struct":
        return struct();
      case "choice":
        return choice();
      default:
        pos = start;
        throw error("unknown type '" + word + "'");
    }
  }

  private FieldType decimal() {
    if (!peek('(')) {
      return FieldType.logicalType(FixedPrecisionNumeric.of(38, 18));
    }
    expect('(');
    int precision = number();
    int scale = 0;
    if (peek(',')) {
      expect(',');
      scale = number();
    }
    expect(')');
    if (precision < 1 || scale > precision) {
      throw error("decimal(" + precision + "," + scale + ") needs 1 <= precision and scale <= precision");
    }
    return FieldType.logicalType(FixedPrecisionNumeric.of(precision, scale));
  }

  private FieldType array() {
    expect('<');
    FieldType element = nested();
    expect('>');
    return FieldType.array(element);
  }

  private FieldType map() {
    expect('<');
    FieldType key = type();
    expect(',');
    FieldType value = nested();
    expect('>');
    return FieldType.map(key.withNullable(false), value);
  }

  private FieldType struct() {
    expect('<');
    List<Schema.Field> fields = new ArrayList<>();
    Set<String> names = new HashSet<>();
    skipSpaces();
    if (peek('>')) {
      expect('>');
      return FieldType.row(Schema.of());
    }
    do {
      skipSpaces();
      int start = pos;
      String name = fieldName();
      if (!names.add(name)) {
        pos = start;
        throw error("the struct names the field '" + name + "' twice");
      }
      expect(':');
      fields.add(Schema.Field.of(name, nested()));
    } while (tryConsume(','));
    expect('>');
    return FieldType.row(Schema.of(fields.toArray(new Schema.Field[0])));
  }

  private FieldType choice() {
    expect('<');
    List<FieldType> alternatives = new ArrayList<>();
    do {
      alternatives.add(type());
    } while (tryConsume(','));
    expect('>');
    try {
      return GlueTypes.choiceOf(alternatives);
    } catch (IllegalArgumentException e) {
      throw error(e.getMessage().replaceAll("\\.$", "").toLowerCase(Locale.ROOT));
    }
  }

  /** A type followed by an optional {@code not null}; nullable otherwise. */
  private FieldType nested() {
    FieldType type = type();
    skipSpaces();
    int save = pos;
    if (word().equalsIgnoreCase("not")) {
      skipSpaces();
      if (!word().equalsIgnoreCase("null")) {
        throw error("expected 'null' after 'not'");
      }
      return type.withNullable(false);
    }
    pos = save;
    return type.withNullable(true);
  }

  private String fieldName() {
    if (peek('`')) {
      int open = pos;
      pos++;
      StringBuilder name = new StringBuilder();
      while (true) {
        if (pos >= text.length()) {
          pos = open;
          throw error("the backtick-quoted name is not closed");
        }
        char c = text.charAt(pos++);
        if (c == '`') {
          if (pos < text.length() && text.charAt(pos) == '`') {
            name.append('`');
            pos++;
          } else {
            return name.toString();
          }
        } else {
          name.append(c);
        }
      }
    }
    int start = pos;
    while (pos < text.length() && ":,<>` ".indexOf(text.charAt(pos)) < 0) {
      pos++;
    }
    if (start == pos) {
      throw error("expected a field name");
    }
    return text.substring(start, pos);
  }

  private String word() {
    int start = pos;
    while (pos < text.length() && Character.isLetter(text.charAt(pos))) {
      pos++;
    }
    return text.substring(start, pos);
  }

  private int number() {
    skipSpaces();
    int start = pos;
    while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
      pos++;
    }
    if (start == pos || pos - start > 9) {
      pos = start;
      throw error("expected a number");
    }
    int value = Integer.parseInt(text.substring(start, pos));
    skipSpaces();
    return value;
  }

  private boolean peek(char c) {
    skipSpaces();
    return pos < text.length() && text.charAt(pos) == c;
  }

  private boolean tryConsume(char c) {
    if (peek(c)) {
      pos++;
      return true;
    }
    return false;
  }

  private void expect(char c) {
    if (!tryConsume(c)) {
      throw error("expected '" + c + "'"
          + (pos < text.length() ? " but found '" + text.charAt(pos) + "'" : " but the type ends"));
    }
  }

  private void skipSpaces() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException(
        "Cannot read the Glue type '" + text + "' at position " + (pos + 1) + ": " + what + ".");
  }
}
