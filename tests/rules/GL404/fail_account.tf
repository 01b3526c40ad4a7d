resource "aws_glue_job" "fan_out" {
  name = "fan-out"
  role_arn = "arn:aws:iam::123456789012:role/GlueETLRole"
  glue_version = "4.0"
  command {
    name = "glueetl"
    script_location = "s3://etl-scripts/fan_out.py"
    python_version = "3"
  }
  worker_type = "G.1X"
  number_of_workers = 2
  timeout = 60
  default_arguments = {
    "--job-language" = "python"
    "--TempDir" = "s3://etl-temp/fan_out/"
    "--enable-metrics" = "true"
  }
  execution_property {
    max_concurrent_runs = 150
  }
}
