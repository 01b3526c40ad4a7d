# A small data platform: one clean job, one with the mistakes gluelint exists to catch.
provider "aws" {
  region = "eu-west-1"
}

variable "env" {
  type    = string
  default = "prod"
}

resource "aws_glue_security_configuration" "platform" {
  name = "platform-${var.env}"

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

resource "aws_glue_job" "orders_compaction" {
  name                   = "orders-compaction-${var.env}"
  role_arn               = "arn:aws:iam::123456789012:role/GlueETLRole"
  glue_version           = "5.0"
  worker_type            = "G.1X"
  number_of_workers      = 10
  timeout                = 90
  security_configuration = aws_glue_security_configuration.platform.name

  command {
    name            = "glueetl"
    script_location = "s3://etl-scripts/orders_compaction.py"
    python_version  = "3"
  }

  default_arguments = {
    "--job-language"                     = "python"
    "--enable-continuous-cloudwatch-log" = "true"
    "--enable-auto-scaling"              = "true"
    "--TempDir"                          = "s3://etl-temp/orders/"
  }
}

resource "aws_glue_trigger" "orders_every_6h" {
  name     = "orders-every-6h"
  type     = "SCHEDULED"
  schedule = "cron(0 */6 * * ? *)"

  actions {
    job_name = aws_glue_job.orders_compaction.name
  }
}

resource "aws_glue_job" "memory_intensive" {
  name         = "memory-intensive-etl"
  role_arn     = "arn:aws:iam::123456789012:role/GlueETLRole"
  glue_version = "4.0"
  worker_type  = "Z.2X"
  number_of_workers = 10

  command {
    script_location = "s3://etl-scripts/memory_intensive.py"
  }

  default_arguments = {
    "--conf"            = "spark.sql.adaptive.enabled=true"
    "--conf"            = "spark.serializer=org.apache.spark.serializer.KryoSerializer"
    "--bookmark-option" = "job-bookmark-enable"
    "--encryption-mode" = "SSE-KMS"
  }
}
