resource "aws_glue_job" "events" {
  name              = "events-compact"
  role_arn          = "arn:aws:iam::123456789012:role/glue-events"
  glue_version      = "5.0"
  worker_type       = "G.1X"
  number_of_workers = 20
  timeout           = 60
  command {
    name            = "glueetl"
    script_location = "s3://acme-glue-scripts/events/compact.py"
    python_version  = "3"
  }
  default_arguments = {
    "--job-language"        = "python"
    "--enable-metrics"      = "true"
    "--enable-auto-scaling" = "true"
  }
}

# Fewer than 10 workers: the rule does not apply.
resource "aws_glue_job" "sessions" {
  name              = "sessions-rollup"
  role_arn          = "arn:aws:iam::123456789012:role/glue-events"
  glue_version      = "4.0"
  worker_type       = "G.2X"
  number_of_workers = 6
  timeout           = 60
  command {
    name            = "glueetl"
    script_location = "s3://acme-glue-scripts/events/sessions.py"
    python_version  = "3"
  }
  default_arguments = {
    "--job-language" = "python"
  }
}

# Standard workers: auto scaling does not support them (AWS's auto-scaling page), so it is not suggested.
resource "aws_glue_job" "legacy_wide" {
  name              = "legacy-wide"
  role_arn          = "arn:aws:iam::123456789012:role/glue-events"
  glue_version      = "3.0"
  worker_type       = "Standard"
  number_of_workers = 20
  timeout           = 60
  command {
    name            = "glueetl"
    script_location = "s3://acme-glue-scripts/events/legacy_wide.py"
    python_version  = "3"
  }
}
