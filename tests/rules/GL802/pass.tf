resource "aws_glue_workflow" "nightly" {
  name = "nightly"
}

data "aws_iam_policy_document" "deployer" {
  statement {
    actions   = ["glue:UpdateDevEndpoint"]
    resources = ["arn:aws:glue:us-east-1:123456789012:devEndpoint/notebooks"]
  }
}

resource "aws_iam_policy" "deployer" {
  name   = "glue-deployer"
  policy = data.aws_iam_policy_document.deployer.json
}
