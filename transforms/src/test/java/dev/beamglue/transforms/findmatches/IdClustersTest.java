package dev.beamglue.transforms.findmatches;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class IdClustersTest {

  @Test
  void joinedIdsShareTheSmallestIdAsTheirClusterAndLongChainsDoNotOverflow() {
    IdClusters clusters = new IdClusters();
    clusters.join("b7", "a1");
    clusters.join("c3", "b7");
    assertEquals("a1", clusters.clusterOf("c3"));
    assertEquals("a1", clusters.clusterOf("b7"));
    assertEquals("z9", clusters.clusterOf("z9"));
    for (int i = 100_000; i > 0; i--) {
      clusters.join(Integer.toString(i), Integer.toString(i + 1));
    }
    assertEquals("1", clusters.clusterOf("100001"));
  }
}
