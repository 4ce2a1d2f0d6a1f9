package dev.beamglue.pipelines.playground;

import java.util.List;

/**
 * The states and DC as the IRS zip-code files list them: FIPS code, postal abbreviation, the
 * three-digit zip prefixes the Postal Service assigns them, and about a tenth of the number of zip
 * codes the 2016 file holds for them (the generator's count at scale 1).
 *
 * <p>{@code for (UsStates.State s : UsStates.ALL) { s.prefixes(); }}
 */
final class UsStates {

  /** One state: {@code prefixes} as inclusive ranges {@code {from, to}} of zip prefixes. */
  record State(int fips, String code, int[][] prefixes, int zipsAtScaleOne) {

    /** The number of five-digit codes the prefixes hold. */
    int codeSpace() {
      int space = 0;
      for (int[] range : prefixes) {
        space += (range[1] - range[0] + 1) * 100;
      }
      return space;
    }

    /** The {@code i}th code of the state's space, counting through its prefix ranges. */
    int codeAt(int i) {
      for (int[] range : prefixes) {
        int size = (range[1] - range[0] + 1) * 100;
        if (i < size) {
          return range[0] * 100 + i;
        }
        i -= size;
      }
      throw new IndexOutOfBoundsException("code " + i + " of " + code);
    }

    boolean holds(int zip) {
      int prefix = zip / 100;
      for (int[] range : prefixes) {
        if (prefix >= range[0] && prefix <= range[1]) {
          return true;
        }
      }
      return false;
    }
  }

  private static State s(int fips, String code, int zips, int... ranges) {
    int[][] pairs = new int[ranges.length / 2][];
    for (int i = 0; i < pairs.length; i++) {
      pairs[i] = new int[] {ranges[2 * i], ranges[2 * i + 1]};
    }
    return new State(fips, code, pairs, zips);
  }

  /** In FIPS order, as the IRS file lists them. */
  static final List<State> ALL = List.of(
      s(1, "AL", 60, 350, 369),
      s(2, "AK", 20, 995, 999),
      s(4, "AZ", 40, 850, 865),
      s(5, "AR", 55, 716, 729),
      s(6, "CA", 160, 900, 961),
      s(8, "CO", 48, 800, 816),
      s(9, "CT", 27, 60, 69),
      s(10, "DE", 6, 197, 199),
      s(11, "DC", 3, 200, 200, 202, 205),
      s(12, "FL", 95, 320, 349),
      s(13, "GA", 70, 300, 319, 398, 399),
      s(15, "HI", 9, 967, 968),
      s(16, "ID", 25, 832, 838),
      s(17, "IL", 135, 600, 629),
      s(18, "IN", 75, 460, 479),
      s(19, "IA", 90, 500, 528),
      s(20, "KS", 65, 660, 679),
      s(21, "KY", 75, 400, 427),
      s(22, "LA", 50, 700, 714),
      s(23, "ME", 40, 39, 49),
      s(24, "MD", 45, 206, 219),
      s(25, "MA", 50, 10, 27),
      s(26, "MI", 95, 480, 499),
      s(27, "MN", 85, 550, 567),
      s(28, "MS", 40, 386, 397),
      s(29, "MO", 95, 630, 658),
      s(30, "MT", 30, 590, 599),
      s(31, "NE", 50, 680, 693),
      s(32, "NV", 15, 889, 898),
      s(33, "NH", 23, 30, 38),
      s(34, "NJ", 58, 70, 89),
      s(35, "NM", 30, 870, 884),
      s(36, "NY", 160, 100, 149),
      s(37, "NC", 75, 270, 289),
      s(38, "ND", 30, 580, 588),
      s(39, "OH", 110, 430, 459),
      s(40, "OK", 60, 730, 749),
      s(41, "OR", 40, 970, 979),
      s(42, "PA", 160, 150, 196),
      s(44, "RI", 7, 28, 29),
      s(45, "SC", 40, 290, 299),
      s(46, "SD", 30, 570, 577),
      s(47, "TN", 60, 370, 385),
      s(48, "TX", 160, 750, 799, 885, 885),
      s(49, "UT", 25, 840, 847),
      s(50, "VT", 23, 50, 59),
      s(51, "VA", 85, 201, 201, 220, 246),
      s(53, "WA", 55, 980, 994),
      s(54, "WV", 60, 247, 268),
      s(55, "WI", 75, 530, 549),
      s(56, "WY", 15, 820, 831));

  private UsStates() {}

  static State byCode(String code) {
    for (State state : ALL) {
      if (state.code().equals(code)) {
        return state;
      }
    }
    throw new IllegalArgumentException("No state '" + code + "'.");
  }
}
