data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["glue.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "etl" {
  name               = "glue-etl"
  assume_role_policy = data.aws_iam_policy_document.trust.json
}

resource "aws_glue_job" "raw_ingestion" {
  name     = "raw-ingestion"
  role_arn = aws_iam_role.etl.arn

  command {
    script_location = "s3://acme-glue-scripts/jobs/raw_ingestion.py"
  }
}
