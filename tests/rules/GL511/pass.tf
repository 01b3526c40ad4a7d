# Notebooks run as interactive sessions (no endpoint resource); the job they develop runs on Glue 5.0.
resource "aws_glue_job" "analytics" {
  name              = "analytics"
  role_arn          = "arn:aws:iam::123456789012:role/glue-dev"
  glue_version      = "5.0"
  worker_type       = "G.1X"
  number_of_workers = 2
  timeout           = 60
  command {
    name            = "glueetl"
    script_location = "s3://acme-glue-scripts/analytics.py"
    python_version  = "3"
  }
}
