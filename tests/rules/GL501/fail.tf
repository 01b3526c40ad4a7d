resource "aws_glue_job" "raw_ingestion" {
  name = "raw-ingestion"
  role_arn = "arn:aws:iam::123456789012:role/GlueETLRole"
  glue_version = "4.5"
  command {
    name = "glueetl"
    script_location = "s3://etl-scripts/raw_ingestion.py"
    python_version = "3"
  }
  worker_type = "G.1X"
  number_of_workers = 2
  timeout = 60
  default_arguments = {
    "--job-language" = "python"
    "--TempDir" = "s3://etl-temp/raw_ingestion/"
    "--enable-metrics" = "true"
  }
}
