resource "aws_glue_job" "clickstream" {
  name = "clickstream"
  role_arn = "arn:aws:iam::123456789012:role/GlueETLRole"
  glue_version = "4.0"
  command {
    name = "gluestreaming"
    script_location = "s3://etl-scripts/clickstream.py"
    python_version = "3"
  }
  worker_type = "G.1X"
  number_of_workers = 2
  max_retries = 0
  maintenance_window = "Sun:3"
  default_arguments = {
    "--job-language" = "python"
    "--TempDir" = "s3://etl-temp/clickstream/"
    "--enable-metrics" = "true"
  }
}
