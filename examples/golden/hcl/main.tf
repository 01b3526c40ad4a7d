# A modern, well-configured Glue job on which no gluelint rule fires.
provider "aws" {
  region = "eu-west-1"
}

resource "aws_kms_key" "glue" {
  description = "Glue encryption"
}

resource "aws_glue_security_configuration" "golden" {
  name = "golden-security"

  encryption_configuration {
    cloudwatch_encryption {
      cloudwatch_encryption_mode = "SSE-KMS"
      kms_key_arn                = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    }
    job_bookmarks_encryption {
      job_bookmarks_encryption_mode = "CSE-KMS"
      kms_key_arn                   = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    }
    s3_encryption {
      s3_encryption_mode = "SSE-KMS"
      kms_key_arn        = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    }
  }
}

# The job's script, uploaded from the repository (gluelint reads it for the GL9 checks).
resource "aws_s3_object" "compaction_script" {
  bucket = "etl-scripts"
  key    = "orders/compaction.py"
  source = "${path.module}/../scripts/compaction.py"
}

resource "aws_glue_job" "golden" {
  name                   = "orders-daily-compaction"
  description            = "Compacts yesterday's orders into Parquet"
  role_arn               = "arn:aws:iam::123456789012:role/GlueETLRole"
  glue_version           = "5.0"
  worker_type            = "G.1X"
  number_of_workers      = 10
  timeout                = 60
  max_retries            = 1
  execution_class        = "FLEX"
  security_configuration = aws_glue_security_configuration.golden.name

  command {
    name            = "glueetl"
    script_location = "s3://etl-scripts/orders/compaction.py"
    python_version  = "3"
  }

  execution_property {
    max_concurrent_runs = 1
  }

  notification_property {
    notify_delay_after = 45
  }

  default_arguments = {
    "--job-language"                     = "python"
    "--job-bookmark-option"              = "job-bookmark-enable"
    "--enable-continuous-cloudwatch-log" = "true"
    "--enable-metrics"                   = "true"
    "--enable-auto-scaling"              = "true"
    "--TempDir"                          = "s3://etl-temp/orders/"
    "--conf"                             = "spark.sql.adaptive.enabled=true --conf spark.sql.shuffle.partitions=200"
  }

  tags = {
    owner = "data-platform"
  }
}

resource "aws_glue_trigger" "golden_daily" {
  name     = "orders-daily-compaction"
  type     = "SCHEDULED"
  schedule = "cron(15 2 * * ? *)"

  actions {
    job_name = aws_glue_job.golden.name
  }
}
