resource "aws_glue_job" "quality_check" {
  name = "quality-check"
  role_arn = "arn:aws:iam::123456789012:role/GlueETLRole"
  glue_version = "3.0"
  command {
    name = "pythonshell"
    script_location = "s3://etl-scripts/quality_check.py"
    python_version = "3.9"
  }
  max_capacity = 0.0625
  timeout = 60
  default_arguments = {
    "--TempDir" = "s3://etl-temp/quality_check/"
    "--additional-python-modules" = "boto3==1.34.0,pyarrow==14.0.1,s3://etl-libs/wheels/common-1.0-py3-none-any.whl"
  }
}
