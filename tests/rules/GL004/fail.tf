# gluelint:ignore GL101
resource "aws_glue_job" "raw_ingestion" {
  name = "raw-ingestion"
  role_arn = "arn:aws:iam::123456789012:role/glue-etl"
  glue_version = "5.0"
  worker_type = "G.1X"
  number_of_workers = 10
  timeout = 60

  command {
    name            = "glueetl"
    script_location = "s3://acme-glue-scripts/jobs/raw_ingestion.py"
    python_version  = "3"
  }

  default_arguments = {
    "--job-language" = "python"
    "--enable-continuous-cloudwatch-log" = "true"
  }

  tags = {
    team = "data-platform"
  }
}
