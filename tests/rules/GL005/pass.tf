resource "aws_glue_workflow" "raw" {
  name = "raw"
}

# A remote module that has nothing to do with Glue is not reported.
module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "5.0.0"
  cidr    = "10.0.0.0/16"
}
