resource "aws_glue_job" "incremental_load" {
  name = "incremental-load"
  role_arn = "arn:aws:iam::123456789012:role/GlueETLRole"
  glue_version = "4.0"
  command {
    name = "glueetl"
    script_location = "s3://etl-scripts/incremental_load.py"
    python_version = "3"
  }
  worker_type = "G.1X"
  number_of_workers = 2
  timeout = 60
  default_arguments = {
    "--job-language" = "python"
    "--TempDir" = "s3://etl-temp/incremental_load/"
    "--job-bookmark-option" = "job-bookmark-enable"
  }
  execution_property {
    max_concurrent_runs = 1
  }
}

resource "aws_glue_job" "parallel_load" {
  name = "parallel-load"
  role_arn = "arn:aws:iam::123456789012:role/GlueETLRole"
  glue_version = "4.0"
  command {
    name = "glueetl"
    script_location = "s3://etl-scripts/parallel_load.py"
    python_version = "3"
  }
  worker_type = "G.1X"
  number_of_workers = 2
  timeout = 60
  default_arguments = {
    "--job-language" = "python"
    "--TempDir" = "s3://etl-temp/parallel_load/"
    "--job-bookmark-option" = "job-bookmark-disable"
  }
  execution_property {
    max_concurrent_runs = 4
  }
}
