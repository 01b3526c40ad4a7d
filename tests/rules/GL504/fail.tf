resource "aws_glue_job" "batch_small" {
  name = "batch-small"
  role_arn = "arn:aws:iam::123456789012:role/GlueETLRole"
  glue_version = "4.0"
  command {
    name = "glueetl"
    script_location = "s3://etl-scripts/batch_small.py"
    python_version = "3"
  }
  worker_type = "G.025X"
  number_of_workers = 2
  timeout = 60
  default_arguments = {
    "--job-language" = "python"
    "--TempDir" = "s3://etl-temp/batch_small/"
    "--enable-metrics" = "true"
  }
}

resource "aws_glue_job" "memory_heavy" {
  name = "memory-heavy"
  role_arn = "arn:aws:iam::123456789012:role/GlueETLRole"
  glue_version = "3.0"
  command {
    name = "glueetl"
    script_location = "s3://etl-scripts/memory_heavy.py"
    python_version = "3"
  }
  worker_type = "R.2X"
  number_of_workers = 2
  timeout = 60
  default_arguments = {
    "--job-language" = "python"
    "--TempDir" = "s3://etl-temp/memory_heavy/"
    "--enable-metrics" = "true"
  }
}
