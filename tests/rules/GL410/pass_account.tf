resource "aws_glue_job" "large_etl" {
  name = "large-etl"
  role_arn = "arn:aws:iam::123456789012:role/GlueETLRole"
  glue_version = "4.0"
  command {
    name = "glueetl"
    script_location = "s3://etl-scripts/large_etl.py"
    python_version = "3"
  }
  worker_type = "G.2X"
  number_of_workers = 100
  timeout = 60
  default_arguments = {
    "--job-language" = "python"
    "--TempDir" = "s3://etl-temp/large_etl/"
    "--enable-metrics" = "true"
  }
  execution_property {
    max_concurrent_runs = 10
  }
}
