resource "aws_glue_workflow" "nightly" {
  name = "nightly"
}

data "aws_iam_policy_document" "deployer" {
  statement {
    actions   = ["iam:PassRole"]
    resources = ["arn:aws:iam::123456789012:role/glue-etl"]
    condition {
      test     = "StringEquals"
      variable = "iam:PassedToService"
      values   = ["glue.amazonaws.com"]
    }
  }
  statement {
    actions   = ["glue:CreateJob"]
    resources = ["*"]
  }
}

resource "aws_iam_policy" "deployer" {
  name   = "glue-deployer"
  policy = data.aws_iam_policy_document.deployer.json
}
