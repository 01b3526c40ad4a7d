resource "aws_glue_job" "report" {
  name         = "report"
  role_arn     = "arn:aws:iam::123456789012:role/glue-etl"
  glue_version = "3.0"
  max_capacity = 0.0625

  command {
    name            = "pythonshell"
    script_location = "s3://acme-glue-scripts/jobs/report.py"
    python_version  = "3.9"
  }

  default_arguments = {
    "--conf"                = "spark.sql.shuffle.partitions=10"
    "--extra-jars"          = "s3://acme-glue-scripts/lib/driver.jar"
    "--job-bookmark-option" = "job-bookmark-disable"
  }
}
