resource "aws_glue_job" "legacy_shell" {
  name = "legacy-shell"
  role_arn = "arn:aws:iam::123456789012:role/GlueETLRole"
  glue_version = "3.0"
  command {
    name = "pythonshell"
    script_location = "s3://etl-scripts/legacy_shell.py"
    python_version = "3"
  }
  max_capacity = 0.0625
  timeout = 60
  default_arguments = {
    "--TempDir" = "s3://etl-temp/legacy_shell/"
  }
}
