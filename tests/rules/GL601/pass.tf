resource "aws_glue_job" "j" {
  name              = "j"
  role_arn          = "arn:aws:iam::123456783012:role/r"
  glue_version      = "4.0"
  worker_type       = "G.1X"
  number_of_workers = 10
  timeout           = 30
  command {
    script_location = "s3://b/s.py"
  }
}

resource "aws_glue_trigger" "t" {
  name     = "t"
  type     = "SCHEDULED"
  schedule = "cron(0 */6 * * ? *)"
  actions {
    job_name = aws_glue_job.j.name
  }
}
