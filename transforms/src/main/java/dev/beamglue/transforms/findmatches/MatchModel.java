package dev.beamglue.transforms.findmatches;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A FindMatches model: the compared columns and their kinds, the features, the Fellegi-Sunter
 * weights, the logistic-regression weights once labels exist, the threshold, the blocking keys and
 * the labeled pairs; written as versioned, readable JSON.
 *
 * <p>{@code MatchModel model = MatchModel.fromJson(Files.readString(path)); model.threshold();}
 */
public final class MatchModel implements Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * The version of the JSON layout written by {@link #toJson}. Version 2 compares a date column
   * first by days apart (feature {@code column:days_apart}, see {@link Dates}) where version 1
   * compared its text ({@code column:lev}, then {@code column:days}); a version 1 file without
   * date columns is read as it is the same, one with date columns is refused with one sentence.
   */
  public static final int VERSION = 2;

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final List<String> columns;
  private final List<ColumnKind> kinds;
  private final List<String> features;
  private final List<String> levelColumns;
  private final double prior;
  private final double[][] m;
  private final double[][] u;
  private final double[] logistic; // null: no labels yet
  private final double threshold;
  private final double accuracyCostTradeoff;
  private final List<String> blockingKeys;
  private final List<LabeledPair> labels;

  MatchModel(
      List<String> columns,
      List<ColumnKind> kinds,
      List<String> features,
      List<String> levelColumns,
      double prior,
      double[][] m,
      double[][] u,
      double[] logistic,
      double threshold,
      double accuracyCostTradeoff,
      List<String> blockingKeys,
      List<LabeledPair> labels) {
    this.columns = List.copyOf(columns);
    this.kinds = List.copyOf(kinds);
    this.features = List.copyOf(features);
    this.levelColumns = List.copyOf(levelColumns);
    this.prior = prior;
    this.m = m;
    this.u = u;
    this.logistic = logistic;
    this.threshold = threshold;
    this.accuracyCostTradeoff = accuracyCostTradeoff;
    this.blockingKeys = List.copyOf(blockingKeys);
    this.labels = List.copyOf(labels);
  }

  /** A model without labels: the Fellegi-Sunter weights fitted on the candidate pairs. */
  public static MatchModel unsupervised(
      Features features, FellegiSunter fs, double threshold, Blocking blocking) {
    List<String> levelNames = new ArrayList<>();
    for (int c = 0; c < features.levelColumns(); c++) {
      levelNames.add(features.levelName(c));
    }
    List<String> names = new ArrayList<>();
    List<ColumnKind> kinds = new ArrayList<>();
    for (Profile.Column c : features.profile().columns()) {
      names.add(c.name());
      kinds.add(c.kind());
    }
    return new MatchModel(
        names,
        kinds,
        features.names(),
        levelNames,
        fs.prior(),
        fs.m(),
        fs.u(),
        null,
        threshold,
        blocking.accuracyCostTradeoff(),
        blocking.describe(),
        List.of());
  }

  /** This model with logistic-regression weights learned from labeled pairs. */
  public MatchModel withLogistic(double[] weights, List<LabeledPair> labels) {
    return new MatchModel(
        columns, kinds, features, levelColumns, prior, m, u, weights.clone(), threshold,
        accuracyCostTradeoff, blockingKeys, labels);
  }

  /** This model with another threshold. */
  public MatchModel withThreshold(double threshold) {
    return new MatchModel(
        columns, kinds, features, levelColumns, prior, m, u, logistic, threshold,
        accuracyCostTradeoff, blockingKeys, labels);
  }

  public List<String> columns() {
    return columns;
  }

  public List<ColumnKind> kinds() {
    return kinds;
  }

  public List<String> features() {
    return features;
  }

  public double threshold() {
    return threshold;
  }

  public double accuracyCostTradeoff() {
    return accuracyCostTradeoff;
  }

  public List<String> blockingKeys() {
    return blockingKeys;
  }

  public List<LabeledPair> labels() {
    return labels;
  }

  public boolean hasLabels() {
    return logistic != null;
  }

  FellegiSunter fellegiSunter() {
    return new FellegiSunter(m, u, prior);
  }

  /** The Fellegi-Sunter log-odds of a pair, scaled and clipped into the learner's input. */
  static double fsInput(double logOdds) {
    return Math.max(-3, Math.min(3, logOdds / 10));
  }

  /** The learner's input for a pair: its features and its Fellegi-Sunter input. */
  public double[] learnerInput(double[] x, int[] levels) {
    double[] input = new double[x.length + 1];
    System.arraycopy(x, 0, input, 0, x.length);
    input[x.length] = fsInput(fellegiSunter().logOdds(levels));
    return input;
  }

  /** The probability that a pair with these features and levels matches. */
  public double score(double[] x, int[] levels) {
    FellegiSunter fs = fellegiSunter();
    if (logistic == null) {
      return fs.probability(levels);
    }
    return LogisticRegression.predict(logistic, learnerInput(x, levels));
  }

  /** The weight of each learner input (features, then {@code fellegi_sunter}); empty without labels. */
  public double[] logisticWeights() {
    return logistic == null ? new double[0] : logistic.clone();
  }

  /** The Fellegi-Sunter weight ln(m/u) of a level column at a level. */
  public double levelWeight(int levelColumn, int level) {
    return fellegiSunter().weight(levelColumn, level);
  }

  public List<String> levelColumns() {
    return levelColumns;
  }

  /** Fails with one sentence unless the model compares exactly these columns. */
  public void checkColumns(List<String> frameColumns) {
    if (!frameColumns.equals(columns)) {
      throw new IllegalArgumentException(
          "The model compares the columns "
              + columns
              + " but the input has "
              + frameColumns
              + " to compare; teach a model on this input or select the model's columns.");
    }
  }

  /** The model as versioned JSON. */
  public String toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", "beamglue-findmatches-model");
    root.put("version", VERSION);
    ArrayNode cols = root.putArray("columns");
    for (int i = 0; i < columns.size(); i++) {
      cols.addObject().put("name", columns.get(i)).put("kind", kinds.get(i).name());
    }
    ArrayNode feats = root.putArray("features");
    features.forEach(feats::add);
    ObjectNode fs = root.putObject("fellegi_sunter");
    fs.put("prior", prior);
    ArrayNode levels = fs.putArray("columns");
    for (int c = 0; c < levelColumns.size(); c++) {
      ObjectNode col = levels.addObject().put("name", levelColumns.get(c));
      ArrayNode ms = col.putArray("m_exact_close_similar_different");
      ArrayNode us = col.putArray("u_exact_close_similar_different");
      for (int l = 1; l < m[c].length; l++) {
        ms.add(m[c][l]);
        us.add(u[c][l]);
      }
    }
    if (logistic != null) {
      ObjectNode lr = root.putObject("logistic_regression");
      ObjectNode weights = lr.putObject("weights");
      for (int i = 0; i < features.size(); i++) {
        weights.put(features.get(i), logistic[i]);
      }
      weights.put("fellegi_sunter", logistic[features.size()]);
      lr.put("intercept", logistic[features.size() + 1]);
    }
    root.put("threshold", threshold);
    ObjectNode blocking = root.putObject("blocking");
    blocking.put("accuracy_cost_tradeoff", accuracyCostTradeoff);
    ArrayNode keys = blocking.putArray("keys");
    blockingKeys.forEach(keys::add);
    ArrayNode labeled = root.putArray("labels");
    for (LabeledPair p : labels) {
      labeled.addArray().add(p.left()).add(p.right()).add(p.match());
    }
    try {
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Reads a model written by {@link #toJson}; fails with one sentence on another layout. */
  public static MatchModel fromJson(String json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "The model file is not JSON: " + e.getOriginalMessage() + ".");
    }
    if (root == null || !"beamglue-findmatches-model".equals(root.path("format").asText())) {
      throw new IllegalArgumentException(
          "The model file is not a beamglue FindMatches model (its \"format\" is not"
              + " beamglue-findmatches-model).");
    }
    int version = root.path("version").asInt();
    if (version == 1) {
      for (JsonNode c : root.path("columns")) {
        if (ColumnKind.DATE.name().equals(c.path("kind").asText())) {
          throw new IllegalArgumentException(
              "The model file is of version 1, whose date column '" + c.path("name").asText()
                  + "' was compared as text; this beamglue reads version " + VERSION
                  + " (dates compared by days apart): teach a new model with"
                  + " find-matches teach --replace-all on your labels files.");
        }
      }
    } else if (version != VERSION) {
      throw new IllegalArgumentException(
          "The model file is of version " + root.path("version").asText()
              + "; this beamglue reads FindMatches models of version " + VERSION + " (and 1 without"
              + " date columns).");
    }
    List<String> columns = new ArrayList<>();
    List<ColumnKind> kinds = new ArrayList<>();
    for (JsonNode c : root.path("columns")) {
      columns.add(c.path("name").asText());
      kinds.add(ColumnKind.valueOf(c.path("kind").asText()));
    }
    List<String> features = new ArrayList<>();
    root.path("features").forEach(f -> features.add(f.asText()));
    JsonNode fs = root.path("fellegi_sunter");
    List<String> levelColumns = new ArrayList<>();
    int n = fs.path("columns").size();
    double[][] m = new double[n][Features.LEVELS];
    double[][] u = new double[n][Features.LEVELS];
    int c = 0;
    for (JsonNode col : fs.path("columns")) {
      levelColumns.add(col.path("name").asText());
      for (int l = 1; l < Features.LEVELS; l++) {
        m[c][l] = col.path("m_exact_close_similar_different").path(l - 1).asDouble();
        u[c][l] = col.path("u_exact_close_similar_different").path(l - 1).asDouble();
      }
      c++;
    }
    double[] logistic = null;
    if (root.has("logistic_regression")) {
      JsonNode lr = root.path("logistic_regression");
      logistic = new double[features.size() + 2];
      for (int i = 0; i < features.size(); i++) {
        logistic[i] = lr.path("weights").path(features.get(i)).asDouble();
      }
      logistic[features.size()] = lr.path("weights").path("fellegi_sunter").asDouble();
      logistic[features.size() + 1] = lr.path("intercept").asDouble();
    }
    List<String> keys = new ArrayList<>();
    root.path("blocking").path("keys").forEach(k -> keys.add(k.asText()));
    List<LabeledPair> labels = new ArrayList<>();
    for (JsonNode p : root.path("labels")) {
      labels.add(new LabeledPair(p.path(0).asText(), p.path(1).asText(), p.path(2).asBoolean()));
    }
    return new MatchModel(
        columns,
        kinds,
        features,
        levelColumns,
        fs.path("prior").asDouble(),
        m,
        u,
        logistic,
        root.path("threshold").asDouble(),
        root.path("blocking").path("accuracy_cost_tradeoff").asDouble(),
        keys,
        Collections.unmodifiableList(labels));
  }
}
