package dev.beamglue.pipelines.personalize;

import dev.beamglue.io.jdbc.JdbcOptions;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;

/**
 * Options of the personalize export: where each source is (the interactions through the {@code
 * --jdbc*} options, the items and users by path), the mapping file, the export folder, the
 * generated data's seed and size, and the Personalize dataset group and role for the import.
 *
 * <p>{@code --output=s3://bucket/personalize --items=s3://bucket/dump/items.json
 * --users=s3://bucket/crm/users.csv --jdbcUrl=jdbc:postgresql://db/shop --jdbcUser=etl}
 */
public interface PersonalizeOptions extends JdbcOptions {

  @Description("The export folder (local or s3://): interactions/, items/, users/ go under it.")
  @Default.String("out/personalize")
  String getOutput();

  void setOutput(String output);

  @Description("The items: newline-delimited JSON files (a glob, local or s3://). Default: generated.")
  String getItems();

  void setItems(String items);

  @Description("The users: CSV files with a header (a glob, local or s3://). Default: generated.")
  String getUsers();

  void setUsers(String users);

  @Description("A JSON mapping file (see README); datasets it leaves out keep the default mapping.")
  String getMapping();

  void setMapping(String mapping);

  @Description("The seed of the generated data: same seed and size, same data.")
  @Default.Long(42)
  long getSeed();

  void setSeed(long seed);

  @Description("The number of order lines (interactions) to generate when no database is given.")
  @Default.Long(20_000)
  long getInteractions();

  void setInteractions(long interactions);

  @Description("The ARN of the Personalize dataset group to import into; without it, a dry run.")
  String getDatasetGroupArn();

  void setDatasetGroupArn(String arn);

  @Description("The ARN of the IAM role Personalize assumes to read the export from S3.")
  String getRoleArn();

  void setRoleArn(String arn);
}
