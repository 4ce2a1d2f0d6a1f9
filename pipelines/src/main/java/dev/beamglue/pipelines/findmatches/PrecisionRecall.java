package dev.beamglue.pipelines.findmatches;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Precision, recall and F1 of scored labeled pairs at a threshold, the best F1 over all
 * thresholds, the area under the precision-recall curve, the confusion matrix, and the curve as a
 * PNG image.
 *
 * <p>{@code PrecisionRecall pr = PrecisionRecall.of(List.of(new double[] {0.9, 1}), 0.5);}
 */
public final class PrecisionRecall {

  private final List<double[]> curve = new ArrayList<>(); // recall, precision, threshold
  private long tp;
  private long fp;
  private long fn;
  private long tn;
  private double bestF1;
  private double bestThreshold;
  private double auc;
  private String scope = "labeled pairs";

  private PrecisionRecall() {}

  /** From pairs of {score, label (1 match, 0 not)}. */
  public static PrecisionRecall of(List<double[]> scored, double threshold) {
    return of(scored, threshold, 0, "labeled pairs");
  }

  /**
   * From pairs of {score, label} and {@code unscored} matching pairs that were never scored (truth
   * pairs blocking did not propose: missed at every threshold); {@code scope} names the pairs in
   * the report's confusion matrix.
   */
  public static PrecisionRecall of(List<double[]> scored, double threshold, long unscored, String scope) {
    PrecisionRecall pr = new PrecisionRecall();
    pr.scope = scope;
    pr.fn = unscored;
    long positives = unscored;
    for (double[] s : scored) {
      boolean predicted = s[0] >= threshold;
      boolean actual = s[1] == 1;
      positives += actual ? 1 : 0;
      if (predicted && actual) {
        pr.tp++;
      } else if (predicted) {
        pr.fp++;
      } else if (actual) {
        pr.fn++;
      } else {
        pr.tn++;
      }
    }
    List<double[]> sorted = new ArrayList<>(scored);
    sorted.sort((a, b) -> Double.compare(b[0], a[0]));
    long hits = 0;
    double lastRecall = 0;
    for (int i = 0; i < sorted.size(); i++) {
      hits += sorted.get(i)[1] == 1 ? 1 : 0;
      if (i + 1 < sorted.size() && sorted.get(i + 1)[0] == sorted.get(i)[0]) {
        continue;
      }
      double precision = (double) hits / (i + 1);
      double recall = positives == 0 ? 0 : (double) hits / positives;
      pr.auc += precision * (recall - lastRecall);
      lastRecall = recall;
      pr.curve.add(new double[] {recall, precision, sorted.get(i)[0]});
      double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
      if (f1 > pr.bestF1) {
        pr.bestF1 = f1;
        pr.bestThreshold = sorted.get(i)[0];
      }
    }
    return pr;
  }

  public double precision() {
    return tp + fp == 0 ? 1 : (double) tp / (tp + fp);
  }

  public double recall() {
    return tp + fn == 0 ? 1 : (double) tp / (tp + fn);
  }

  public double f1() {
    double p = precision();
    double r = recall();
    return p + r == 0 ? 0 : 2 * p * r / (p + r);
  }

  public double bestF1() {
    return bestF1;
  }

  public double areaUnderCurve() {
    return auc;
  }

  /** The report, one figure a line. */
  public String report() {
    return String.format(
        Locale.ROOT,
        "precision %.4f%nrecall %.4f%nF1 %.4f%nbest F1 %.4f (threshold %.4f)%n"
            + "area under the precision-recall curve %.4f%n"
            + "confusion matrix (%s): %d true matches, %d false matches, %d missed matches, %d true non-matches%n",
        precision(), recall(), f1(), bestF1, bestThreshold, auc, scope, tp, fp, fn, tn);
  }

  /** The precision-recall curve as a PNG image of 480 by 360 pixels. */
  public byte[] png() throws IOException {
    int w = 480;
    int h = 360;
    int m = 40;
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, w, h);
    g.setColor(Color.GRAY);
    g.drawRect(m, m / 2, w - 2 * m, h - m - m / 2);
    g.setColor(Color.BLACK);
    g.drawString("recall", w / 2 - 15, h - 10);
    g.drawString("precision", 2, m / 2 - 4);
    g.drawString("0", m - 10, h - m + 12);
    g.drawString("1", w - m - 3, h - m + 12);
    g.setColor(new Color(0, 90, 180));
    g.setStroke(new BasicStroke(2f));
    int px = -1;
    int py = -1;
    for (double[] point : curve) {
      int x = m + (int) Math.round(point[0] * (w - 2 * m));
      int y = h - m - (int) Math.round(point[1] * (h - m - m / 2));
      if (px >= 0) {
        g.drawLine(px, py, x, y);
      }
      px = x;
      py = y;
    }
    g.dispose();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ImageIO.write(image, "png", bytes);
    return bytes.toByteArray();
  }
}
