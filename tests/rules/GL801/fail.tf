resource "aws_glue_workflow" "nightly" {
  name = "nightly"
}

data "aws_iam_policy_document" "deployer" {
  statement {
    actions   = ["iam:PassRole"]
    resources = ["*"]
  }
  statement {
    actions   = ["glue:CreateJob", "glue:StartJobRun"]
    resources = ["*"]
  }
}

resource "aws_iam_policy" "deployer" {
  name   = "glue-deployer"
  policy = data.aws_iam_policy_document.deployer.json
}
