resource "aws_glue_job" "graviton_batch" {
  name = "graviton-batch"
  role_arn = "arn:aws:iam::123456789012:role/GlueETLRole"
  glue_version = "6.1"
  command {
    name = "glueetl"
    script_location = "s3://etl-scripts/graviton_batch.py"
    python_version = "3"
  }
  worker_type = "G.1X"
  number_of_workers = 2
  timeout = 60
  default_arguments = {
    "--job-language" = "python"
    "--TempDir" = "s3://etl-temp/graviton_batch/"
    "--enable-metrics" = "true"
  }
}
