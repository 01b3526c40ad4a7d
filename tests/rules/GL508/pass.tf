resource "aws_glue_job" "nightly_batch" {
  name = "nightly-batch"
  role_arn = "arn:aws:iam::123456789012:role/GlueETLRole"
  glue_version = "4.0"
  command {
    name = "glueetl"
    script_location = "s3://etl-scripts/nightly_batch.py"
    python_version = "3"
  }
  worker_type = "G.1X"
  number_of_workers = 2
  timeout = 60
  execution_class = "FLEX"
  default_arguments = {
    "--job-language" = "python"
    "--TempDir" = "s3://etl-temp/nightly_batch/"
    "--enable-metrics" = "true"
  }
}
