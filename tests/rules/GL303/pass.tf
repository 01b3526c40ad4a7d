resource "aws_glue_job" "iceberg_load" {
  name = "iceberg-load"
  role_arn = "arn:aws:iam::123456789012:role/GlueETLRole"
  glue_version = "4.0"
  command {
    name = "glueetl"
    script_location = "s3://etl-scripts/iceberg_load.py"
    python_version = "3"
  }
  worker_type = "G.1X"
  number_of_workers = 2
  timeout = 60
  default_arguments = {
    "--job-language" = "python"
    "--TempDir" = "s3://etl-temp/iceberg_load/"
    "--datalake-formats" = "iceberg"
    "--conf" = "spark.sql.extensions=org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions --conf spark.sql.catalog.glue_catalog=org.apache.iceberg.spark.SparkCatalog"
  }
}
