resource "aws_glue_workflow" "raw" {
  name = "raw"
}

module "etl_jobs" {
  source  = "cloudposse/glue/aws//modules/glue-job"
  version = "0.4.0"

  glue_version = "4.0"
  jobs = [
    { name = "ingest" },
    { name = "publish" },
  ]
}

module "crawlers" {
  source   = "git::https://example.com/platform/terraform-aws-glue-crawler.git?ref=v1.2.0"
  for_each = toset(["a", "b"])
  workflow = aws_glue_workflow.raw.name
}
