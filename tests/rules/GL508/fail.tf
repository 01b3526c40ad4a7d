resource "aws_glue_job" "clickstream" {
  name = "clickstream"
  role_arn = "arn:aws:iam::123456789012:role/GlueETLRole"
  glue_version = "4.0"
  command {
    name = "gluestreaming"
    script_location = "s3://etl-scripts/clickstream.py"
    python_version = "3"
  }
  worker_type = "G.1X"
  number_of_workers = 2
  execution_class = "FLEX"
  maintenance_window = "Sun:3"
  default_arguments = {
    "--job-language" = "python"
    "--TempDir" = "s3://etl-temp/clickstream/"
    "--enable-metrics" = "true"
  }
}

resource "aws_glue_job" "wide_join" {
  name = "wide-join"
  role_arn = "arn:aws:iam::123456789012:role/GlueETLRole"
  glue_version = "4.0"
  command {
    name = "glueetl"
    script_location = "s3://etl-scripts/wide_join.py"
    python_version = "3"
  }
  worker_type = "G.4X"
  number_of_workers = 10
  timeout = 60
  execution_class = "FLEX"
  default_arguments = {
    "--job-language" = "python"
    "--TempDir" = "s3://etl-temp/wide_join/"
    "--enable-metrics" = "true"
  }
}
