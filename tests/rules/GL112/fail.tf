resource "aws_glue_job" "raw_ingestion" {
  name = "raw-ingestion"
  role_arn = "arn:aws:iam::123456789012:role/glue-etl"
  glue_version = "4.0"
  worker_type = "G.1X"
  number_of_workers = 10
  timeout = 60
  security_configuration = aws_glue_security_configuration.strict.name

  command {
    name            = "glueetl"
    script_location = "s3://acme-glue-scripts/jobs/raw_ingestion.py"
    python_version  = "3"
  }

  default_arguments = {
    "--job-language" = "python"
    "--enable-metrics" = "true"
  }

  tags = {
    team = "data-platform"
  }
}

resource "aws_glue_security_configuration" "strict" {
  name = "strict-kms"

  encryption_configuration {
    cloudwatch_encryption {
      cloudwatch_encryption_mode = "SSE-KMS"
      kms_key_arn = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    }
    job_bookmarks_encryption {
      job_bookmarks_encryption_mode = "CSE-KMS"
      kms_key_arn = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    }
    s3_encryption {
      s3_encryption_mode = "SSE-KMS"
      kms_key_arn = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    }
  }
}
