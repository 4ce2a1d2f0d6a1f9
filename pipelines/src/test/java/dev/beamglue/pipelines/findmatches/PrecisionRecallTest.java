package dev.beamglue.pipelines.findmatches;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PrecisionRecallTest {

  @Test
  void figuresAtTheThresholdTheBestF1AndTheArea() throws Exception {
    PrecisionRecall pr =
        PrecisionRecall.of(
            List.of(
                new double[] {0.9, 1}, new double[] {0.8, 0}, new double[] {0.7, 1}, new double[] {0.2, 0}),
            0.5);
    assertEquals(2 / 3.0, pr.precision(), 1e-9);
    assertEquals(1.0, pr.recall(), 1e-9);
    assertEquals(0.8, pr.f1(), 1e-9);
    assertEquals(0.8, pr.bestF1(), 1e-9);
    assertEquals(0.5 + 2 / 3.0 * 0.5, pr.areaUnderCurve(), 1e-9);
    assertTrue(pr.report().contains("best F1 0.8000 (threshold 0.7000)"), pr.report());
    assertTrue(
        pr.report()
            .contains("confusion matrix (labeled pairs): 2 true matches, 1 false matches, 0 missed matches, 1 true non-matches"),
        pr.report());
    byte[] png = pr.png();
    assertEquals('P', png[1]);
    assertEquals('N', png[2]);
  }
}
