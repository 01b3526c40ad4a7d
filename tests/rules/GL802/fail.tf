resource "aws_glue_workflow" "nightly" {
  name = "nightly"
}

data "aws_iam_policy_document" "deployer" {
  statement {
    actions   = ["glue:GetDevEndpoint", "glue:UpdateDevEndpoint"]
    resources = ["*"]
  }
}

resource "aws_iam_policy" "deployer" {
  name   = "glue-deployer"
  policy = data.aws_iam_policy_document.deployer.json
}
