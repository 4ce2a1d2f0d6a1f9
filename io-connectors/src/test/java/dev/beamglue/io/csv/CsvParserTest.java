package dev.beamglue.io.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvParserTest {

  /** Each record as "line|problem-or-ok|fields". */
  private static List<String> parse(String text, CsvFormat format, int maxChars) throws IOException {
    List<String> out = new ArrayList<>();
    try (CsvParser parser = new CsvParser(new StringReader(text), format, 1, maxChars)) {
      while (parser.next()) {
        out.add(parser.line() + "|" + (parser.problem() == null ? "ok" : parser.problem()) + "|"
            + (parser.problem() == null ? parser.fields() : parser.text()));
      }
    }
    return out;
  }

  private static List<String> parse(String text) throws IOException {
    return parse(text, CsvFormat.DEFAULT, CsvParser.DEFAULT_MAX_RECORD_CHARS);
  }

  @Test
  void readsQuotedFieldsDoubledQuotesAndNewlinesInsideQuotes() throws IOException {
    assertEquals(
        List.of(
            "1|ok|[a, b c, null]",
            "2|ok|[x,y, say \"hi\", ]",
            "3|ok|[multi\nline, z]",
            "5|ok|[last, null]"),
        parse("a,b c,\n\"x,y\",\"say \"\"hi\"\"\",\"\"\n\"multi\nline\",z\nlast,"));
  }

  @Test
  void readsCrlfLoneCrAndSkipsBlankLinesWithoutANewlineAtTheEnd() throws IOException {
    assertEquals(
        List.of("1|ok|[a, b]", "3|ok|[\"q\r\nr\", s]", "5|ok|[c, d]", "6|ok|[e, f]"),
        parse("a,b\r\n\r\n\"\"\"q\r\nr\"\"\",s\r\nc,d\re,f"));
  }

  @Test
  void dropsAByteOrderMarkAndUsesTheFormatsDelimiterAndQuote() throws IOException {
    CsvFormat pipes = CsvFormat.DEFAULT.withDelimiter('|').withQuote('\'');
    assertEquals(
        List.of("1|ok|[id, na|me]", "2|ok|[1, it's]"),
        parse("\uFEFFid|'na|me'\n1|'it''s'\n", pipes, 1 << 20));
  }

  @Test
  void reportsAStrayQuoteAndTextAfterAClosingQuoteAndGoesOnAtTheNextLine() throws IOException {
    assertEquals(
        List.of(
            "1|ok|[a, b]",
            "2|Column 2 holds a quote but does not start with one; quote the field and double the"
                + " quotes inside it.|x,ab\"c,d",
            "3|ok|[e, f]",
            "4|Column 1 has text after its closing quote.|\"two\nlines\"x,y",
            "6|ok|[g, h]"),
        parse("a,b\nx,ab\"c,d\ne,f\n\"two\nlines\"x,y\ng,h\n"));
  }

  @Test
  void reportsAnUnterminatedQuoteAndReadsTheLinesAfterIt() throws IOException {
    assertEquals(
        List.of(
            "1|ok|[a, b]",
            "2|The quote that opens column 2 is never closed.|x,\"open",
            "3|ok|[c, d]",
            "4|ok|[e, f]"),
        parse("a,b\nx,\"open\nc,d\ne,f"));
  }

  @Test
  void reportsARecordLongerThanTheMaximumAndGoesOnAfterItsFirstLine() throws IOException {
    char[] longField = new char[100];
    Arrays.fill(longField, 'z');
    String text = "a,b\n\"" + new String(longField) + "\nstill,open\nc,d\n";
    List<String> records = parse(text, CsvFormat.DEFAULT, 64);
    assertEquals(4, records.size(), records.toString());
    assertEquals("1|ok|[a, b]", records.get(0));
    assertEquals(true, records.get(1).startsWith("2|The record is longer than 64 characters"),
        records.get(1));
    assertEquals("3|ok|[still, open]", records.get(2));
    assertEquals("4|ok|[c, d]", records.get(3));
  }

  @Test
  void readsRecordsThatCrossTheBufferBoundary() throws IOException {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 20_000; i++) {
      text.append(i).append(",\"v").append(i).append("\nw\",x\r\n");
    }
    List<String> records = parse(text.toString());
    assertEquals(20_000, records.size());
    assertEquals("39999|ok|[19999, v19999\nw, x]", records.get(19_999));
  }
}
