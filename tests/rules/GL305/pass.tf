resource "aws_glue_job" "lake_merge" {
  name = "lake-merge"
  role_arn = "arn:aws:iam::123456789012:role/GlueETLRole"
  glue_version = "4.0"
  command {
    name = "glueetl"
    script_location = "s3://etl-scripts/lake_merge.py"
    python_version = "3"
  }
  worker_type = "G.1X"
  number_of_workers = 2
  timeout = 60
  default_arguments = {
    "--job-language" = "python"
    "--TempDir" = "s3://etl-temp/lake_merge/"
    "--job-bookmark-option" = "job-bookmark-enable"
    "--datalake-formats" = "iceberg,delta"
    "--enable-auto-scaling" = "true"
    "--custom-logGroup-prefix" = "/acme/etl"
  }
}
