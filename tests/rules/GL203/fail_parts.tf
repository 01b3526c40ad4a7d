variable "bucket" {
  type = string
}

resource "aws_glue_security_configuration" "strict" {
  name = "strict"

  encryption_configuration {
    cloudwatch_encryption {
      cloudwatch_encryption_mode = "DISABLED"
    }
    job_bookmarks_encryption {
      job_bookmarks_encryption_mode = "DISABLED"
    }
    s3_encryption {
      s3_encryption_mode = "SSE-KMS"
      kms_key_arn        = "arn:aws:s3:::${var.bucket}"
    }
  }
}
