resource "aws_glue_job" "quality_check" {
  name = "quality-check"
  role_arn = "arn:aws:iam::123456789012:role/GlueETLRole"
  glue_version = "3.0"
  command {
    name = "pythonshell"
    script_location = "s3://etl-scripts/quality_check.py"
    python_version = "3.9"
  }
  max_capacity = 0.0625
  timeout = 60
  default_arguments = {
    "--TempDir" = "s3://etl-temp/quality_check/"
    "--job-bookmark-option" = "job-bookmark-enable"
  }
}

resource "aws_glue_job" "daily_rollup" {
  name = "daily-rollup"
  role_arn = "arn:aws:iam::123456789012:role/GlueETLRole"
  glue_version = "3.0"
  command {
    name = "glueetl"
    script_location = "s3://etl-scripts/daily_rollup.py"
    python_version = "3"
  }
  worker_type = "G.1X"
  number_of_workers = 2
  timeout = 60
  default_arguments = {
    "--job-language" = "python"
    "--TempDir" = "s3://etl-temp/daily_rollup/"
    "--auto-scale-within-microbatch" = "true"
  }
}

resource "aws_glue_job" "report" {
  name = "report"
  role_arn = "arn:aws:iam::123456789012:role/GlueETLRole"
  glue_version = "3.0"
  command {
    name = "pythonshell"
    script_location = "s3://etl-scripts/report.py"
    python_version = "3.9"
  }
  max_capacity = 0.0625
  timeout = 60
  default_arguments = {
    "--conf" = "spark.sql.shuffle.partitions=10"
    "--class" = "Report"
    "--extra-jars" = "s3://acme-glue-scripts/lib/driver.jar"
    "--enable-spark-ui" = "true"
    "--job-bookmark-option" = "job-bookmark-disable"
  }
}
