package dev.beamglue.io.catalog;

/**
 * A catalog request that cannot be served: an unknown database or table, a partition that does
 * not fit its table, a catalog folder that cannot be read. The message is one sentence meant for
 * the user.
 *
 * <p>{@code throw CatalogException.noTable("raw", "park", List.of("parks", "playgrounds"));}
 */
public class CatalogException extends IllegalArgumentException {

  public CatalogException(String message) {
    super(message);
  }

  public CatalogException(String message, Throwable cause) {
    super(message, cause);
  }

  /** The database does not exist; names the ones that do. */
  public static CatalogException noDatabase(String database, java.util.List<String> existing) {
    return new CatalogException(
        "The catalog has no database '" + database + "'; "
            + (existing.isEmpty()
                ? "it has no databases yet (run beamglue crawl to create one)."
                : "its databases are " + String.join(", ", existing) + "."));
  }

  /** The table does not exist; names the database's tables. */
  public static CatalogException noTable(
      String database, String table, java.util.List<String> existing) {
    return new CatalogException(
        "Database '" + database + "' has no table '" + table + "'; "
            + (existing.isEmpty()
                ? "it has no tables."
                : "its tables are " + String.join(", ", existing) + "."));
  }
}
