package dev.beamglue.benchmarks.all;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * A PNG of median wall time against data scale, both axes logarithmic, one line per contestant and
 * one panel per input, with a footer of small print (machine, versions, command). Drawn with
 * java.awt in headless mode, so it needs no display.
 *
 * <p>{@code new LinePlot("github-events").panel("events", series).footer(lines).write(png);}
 */
public final class LinePlot {
  private static final int PANEL_WIDTH = 600;
  private static final int PANEL_HEIGHT = 400;
  private static final int LINE_HEIGHT = 16;
  private static final Color[] COLORS = {
    new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e),
    new Color(0x9467bd), new Color(0x8c564b)
  };

  /** One line: the contestant and its median seconds by scale (scales without a median left out). */
  public record Series(String label, Map<Long, Double> secondsByScale) {}

  private record Panel(String title, List<Series> series) {}

  private final String title;
  private final List<Panel> panels = new ArrayList<>();
  private final List<String> footer = new ArrayList<>();

  public LinePlot(String title) {
    this.title = title;
  }

  /** Adds a panel (an input of the benchmark) with its lines. */
  public LinePlot panel(String panelTitle, List<Series> series) {
    panels.add(new Panel(panelTitle, List.copyOf(series)));
    return this;
  }

  /** Adds lines of small print under the panels. */
  public LinePlot footer(List<String> lines) {
    footer.addAll(lines);
    return this;
  }

  public void write(Path png) throws IOException {
    System.setProperty("java.awt.headless", "true");
    int width = Math.max(1, panels.size()) * PANEL_WIDTH;
    int height = 40 + PANEL_HEIGHT + 20 + footer.size() * LINE_HEIGHT;
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING,
          RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, width, height);
      g.setColor(Color.BLACK);
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
      g.drawString(title, 16, 26);
      for (int i = 0; i < panels.size(); i++) {
        drawPanel(g, panels.get(i), i * PANEL_WIDTH, 40);
      }
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
      g.setColor(Color.DARK_GRAY);
      int y = 40 + PANEL_HEIGHT + 20;
      for (String line : footer) {
        g.drawString(line, 16, y);
        y += LINE_HEIGHT;
      }
    } finally {
      g.dispose();
    }
    Files.createDirectories(png.toAbsolutePath().getParent());
    if (!ImageIO.write(image, "png", png.toFile())) {
      throw new IOException("no PNG writer in this JVM for " + png);
    }
  }

  private static void drawPanel(Graphics2D g, Panel panel, int left, int top) {
    int plotLeft = left + 70;
    int plotTop = top + 30;
    int plotWidth = PANEL_WIDTH - 70 - 210;
    int plotHeight = PANEL_HEIGHT - 30 - 50;
    List<Long> scales = new ArrayList<>();
    double low = Double.MAX_VALUE;
    double high = 0;
    for (Series s : panel.series()) {
      for (Map.Entry<Long, Double> point : s.secondsByScale().entrySet()) {
        if (!scales.contains(point.getKey())) {
          scales.add(point.getKey());
        }
        low = Math.min(low, point.getValue());
        high = Math.max(high, point.getValue());
      }
    }
    scales.sort(null);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
    g.setColor(Color.BLACK);
    g.drawString(panel.title(), plotLeft, top + 18);
    g.drawRect(plotLeft, plotTop, plotWidth, plotHeight);
    if (scales.isEmpty()) {
      g.drawString("nothing measured", plotLeft + 20, plotTop + plotHeight / 2);
      return;
    }
    // Decades of seconds around the data, at least one.
    double yMin = Math.pow(10, Math.floor(Math.log10(Math.max(low, 1e-3))));
    double yMax = Math.pow(10, Math.ceil(Math.log10(Math.max(high, yMin * 10))));
    double xMin = Math.log10(scales.get(0));
    double xMax = Math.log10(scales.get(scales.size() - 1));
    double xSpan = xMax > xMin ? xMax - xMin : 1;
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    for (double tick = yMin; tick <= yMax * 1.0001; tick *= 10) {
      int y = yOf(tick, yMin, yMax, plotTop, plotHeight);
      g.setColor(new Color(0xdddddd));
      g.drawLine(plotLeft + 1, y, plotLeft + plotWidth - 1, y);
      g.setColor(Color.BLACK);
      g.drawString(seconds(tick), plotLeft - 8 - g.getFontMetrics().stringWidth(seconds(tick)),
          y + 4);
    }
    for (long scale : scales) {
      int x = xOf(scale, xMin, xSpan, plotLeft, plotWidth, scales.size());
      g.setColor(new Color(0xdddddd));
      g.drawLine(x, plotTop + 1, x, plotTop + plotHeight - 1);
      g.setColor(Color.BLACK);
      String label = scale + "x";
      g.drawString(label, x - g.getFontMetrics().stringWidth(label) / 2, plotTop + plotHeight + 16);
    }
    g.drawString("data scale", plotLeft + plotWidth / 2 - 25, plotTop + plotHeight + 34);
    Graphics2D rotated = (Graphics2D) g.create();
    rotated.rotate(-Math.PI / 2);
    rotated.drawString("median wall time (s)", -(plotTop + plotHeight / 2 + 55), left + 14);
    rotated.dispose();

    int legendY = plotTop + 10;
    for (int i = 0; i < panel.series().size(); i++) {
      Series s = panel.series().get(i);
      Color color = COLORS[i % COLORS.length];
      g.setColor(color);
      g.setStroke(new BasicStroke(2f));
      Map<Long, Double> points = new LinkedHashMap<>();
      scales.stream().filter(s.secondsByScale()::containsKey)
          .forEach(scale -> points.put(scale, s.secondsByScale().get(scale)));
      int[] previous = null;
      for (Map.Entry<Long, Double> point : points.entrySet()) {
        int x = xOf(point.getKey(), xMin, xSpan, plotLeft, plotWidth, scales.size());
        int y = yOf(point.getValue(), yMin, yMax, plotTop, plotHeight);
        g.fillOval(x - 4, y - 4, 8, 8);
        if (previous != null) {
          g.drawLine(previous[0], previous[1], x, y);
        }
        previous = new int[] {x, y};
      }
      g.setStroke(new BasicStroke(1f));
      g.fillRect(plotLeft + plotWidth + 12, legendY - 8, 10, 10);
      g.setColor(Color.BLACK);
      int lineY = legendY;
      for (String part : wrap(s.label(), 24)) {
        g.drawString(part, plotLeft + plotWidth + 27, lineY);
        lineY += 13;
      }
      legendY = lineY + 8;
    }
  }

  private static int xOf(long scale, double xMin, double xSpan, int plotLeft, int plotWidth,
      int scaleCount) {
    if (scaleCount == 1) {
      return plotLeft + plotWidth / 2;
    }
    return plotLeft + 20 + (int) Math.round((Math.log10(scale) - xMin) / xSpan * (plotWidth - 40));
  }

  private static int yOf(double seconds, double yMin, double yMax, int plotTop, int plotHeight) {
    double fraction = (Math.log10(Math.max(seconds, yMin)) - Math.log10(yMin))
        / (Math.log10(yMax) - Math.log10(yMin));
    return plotTop + plotHeight - (int) Math.round(fraction * plotHeight);
  }

  private static String seconds(double value) {
    return value >= 1 ? String.format(Locale.ROOT, "%,.0f s", value)
        : String.format(Locale.ROOT, "%s s", value);
  }

  private static List<String> wrap(String text, int width) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.split(" ")) {
      if (line.length() > 0 && line.length() + 1 + word.length() > width) {
        lines.add(line.toString());
        line.setLength(0);
      }
      if (line.length() > 0) {
        line.append(' ');
      }
      line.append(word);
    }
    if (line.length() > 0) {
      lines.add(line.toString());
    }
    return lines;
  }
}
