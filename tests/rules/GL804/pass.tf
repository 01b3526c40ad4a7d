resource "aws_iam_role" "etl" {
  name = "glue-etl"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "glue.amazonaws.com" } }]
  })
}

resource "aws_iam_role_policy_attachment" "admin" {
  role       = aws_iam_role.etl.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSGlueServiceRole"
}

resource "aws_glue_job" "raw_ingestion" {
  name     = "raw-ingestion"
  role_arn = aws_iam_role.etl.arn

  command {
    script_location = "s3://acme-glue-scripts/jobs/raw_ingestion.py"
  }
}
