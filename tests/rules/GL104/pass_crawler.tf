resource "aws_glue_security_configuration" "crawler" {
  name = "crawler-config"

  encryption_configuration {
    cloudwatch_encryption {
      cloudwatch_encryption_mode = "SSE-KMS"
      kms_key_arn                = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    }
    job_bookmarks_encryption {
      job_bookmarks_encryption_mode = "CSE-KMS"
      kms_key_arn                   = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    }
    s3_encryption {
      s3_encryption_mode = "SSE-KMS"
      kms_key_arn        = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    }
  }
}

resource "aws_glue_crawler" "landing" {
  name                   = "landing"
  role                   = "arn:aws:iam::123456789012:role/glue-crawler"
  database_name          = "landing"
  security_configuration = aws_glue_security_configuration.crawler.name

  s3_target {
    path = "s3://acme-landing/raw/"
  }
}
