resource "aws_glue_resource_policy" "catalog" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "ReadTables"
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::210987654321:root" }
      Action    = ["glue:GetTable", "glue:GetTables"]
      Resource  = "arn:aws:glue:us-east-1:123456789012:*"
    }]
  })
}
