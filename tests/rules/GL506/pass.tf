resource "aws_glue_job" "raw_ingestion" {
  name = "raw-ingestion"
  role_arn = "arn:aws:iam::123456789012:role/GlueETLRole"
  glue_version = "4.0"
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

resource "aws_glue_job" "quality_check" {
  name = "quality-check"
  role_arn = "arn:aws:iam::123456789012:role/GlueETLRole"
  glue_version = "1.0"
  command {
    name = "pythonshell"
    script_location = "s3://etl-scripts/quality_check.py"
    python_version = "3.9"
  }
  max_capacity = 0.0625
  timeout = 60
  default_arguments = {
    "--TempDir" = "s3://etl-temp/quality_check/"
  }
}

resource "aws_glue_job" "legacy_shell" {
  name = "legacy-shell"
  role_arn = "arn:aws:iam::123456789012:role/GlueETLRole"
  glue_version = "3.0"
  command {
    name = "pythonshell"
    script_location = "s3://etl-scripts/legacy_shell.py"
    python_version = "3"
  }
  max_capacity = 0.0625
  timeout = 60
  default_arguments = {
    "--TempDir" = "s3://etl-temp/legacy_shell/"
  }
}
