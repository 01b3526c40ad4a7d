resource "aws_glue_job" "clicks" {
  name              = "clicks-kinesis-to-s3"
  role_arn          = "arn:aws:iam::123456789012:role/glue-clicks"
  glue_version      = "5.0"
  worker_type       = "G.1X"
  number_of_workers = 4
  command {
    name            = "gluestreaming"
    script_location = "s3://acme-glue-scripts/clicks/stream.py"
    python_version  = "3"
  }
  default_arguments = {
    "--job-language"   = "python"
    "--TempDir"        = "s3://acme-glue-temp/clicks/"
    "--enable-metrics" = "true"
  }
}
