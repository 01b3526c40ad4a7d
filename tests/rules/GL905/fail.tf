resource "aws_s3_object" "script" {
  bucket = "acme-glue-scripts"
  key    = "jobs/shell_spark.py"
  source = "${path.module}/scripts/shell_spark.py"
}

resource "aws_glue_job" "orders" {
  name     = "orders-etl"
  role_arn = "arn:aws:iam::123456789012:role/glue-orders"
  glue_version = "3.0"
  max_capacity = 0.0625
  timeout  = 60
  command {
    name            = "pythonshell"
    script_location = "s3://acme-glue-scripts/${aws_s3_object.script.key}"
    python_version  = "3.9"
  }
}
