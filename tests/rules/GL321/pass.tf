resource "aws_glue_job" "raw_ingestion" {
  name     = "raw-ingestion"
  role_arn = "arn:aws:iam::123456789012:role/glue-etl"

  command {
    script_location = "s3://acme-glue-scripts/jobs/raw_ingestion.py"
  }

  default_arguments = {
    "--job-bookmark-option" = "job-bookmark-enable"
    "--job-language"        = "python"
    "--greeting"            = "it’s a custom argument: prose is the script's business"
  }
}
