variable "bucket" {
  type = string
}

resource "aws_glue_job" "raw_ingestion" {
  name     = "raw-ingestion"
  role_arn = "arn:aws:iam::123456789012:role/glue-etl"

  command {
    script_location = "s3://acme-glue-scripts/jobs/raw_ingestion.py"
  }

  default_arguments = {
    "--extra-py-files" = "s3://acme-glue-scripts/lib/a.py, s3://acme-glue-scripts/lib/b.py"
    "--extra-jars"     = "s3://${var.bucket}/a.jar,\n  s3://${var.bucket}/b.jar"
    "--additional-python-modules" = <<-EOT
      pandas==2.2.0,
      pyarrow==15.0.0
    EOT
  }
}
