resource "aws_glue_job" "pii_reader" {
  name = "pii-reader"
  role_arn = "arn:aws:iam::123456789012:role/GlueETLRole"
  glue_version = "5.0"
  command {
    name = "glueetl"
    script_location = "s3://etl-scripts/pii_reader.py"
    python_version = "3"
  }
  worker_type = "G.1X"
  number_of_workers = 4
  timeout = 60
  default_arguments = {
    "--job-language" = "python"
    "--TempDir" = "s3://etl-temp/pii_reader/"
    "--disable-proxy-v2" = "true"
  }
}
