resource "aws_glue_crawler" "landing" {
  name                   = "landing"
  role                   = "arn:aws:iam::123456789012:role/glue-crawler"
  database_name          = "landing"
  security_configuration = "crawler-config"

  s3_target {
    path = "s3://acme-landing/raw/"
  }
}

resource "aws_glue_dev_endpoint" "notebooks" {
  name                   = "notebooks"
  role_arn               = "arn:aws:iam::123456789012:role/glue-dev"
  security_configuration = "dev-config"
}
