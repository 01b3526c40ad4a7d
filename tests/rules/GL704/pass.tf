resource "aws_glue_job" "extract" {
  name              = "crm-extract"
  role_arn          = "arn:aws:iam::123456789012:role/glue-crm"
  glue_version      = "5.0"
  worker_type       = "G.1X"
  number_of_workers = 4
  timeout           = 30
  command {
    name            = "glueetl"
    script_location = "s3://acme-glue-scripts/crm/extract.py"
    python_version  = "3"
  }
}

resource "aws_glue_job" "load" {
  name              = "crm-load"
  role_arn          = "arn:aws:iam::123456789012:role/glue-crm"
  glue_version      = "5.0"
  worker_type       = "G.1X"
  number_of_workers = 4
  timeout           = 30
  command {
    name            = "glueetl"
    script_location = "s3://acme-glue-scripts/crm/load.py"
    python_version  = "3"
  }
}

resource "aws_glue_trigger" "extract_nightly" {
  name     = "crm-extract-nightly"
  type     = "SCHEDULED"
  schedule = "cron(30 1 * * ? *)"
  actions {
    job_name = aws_glue_job.extract.name
  }
}

resource "aws_glue_trigger" "load_after_extract" {
  name = "crm-load-after-extract"
  type = "CONDITIONAL"
  actions {
    job_name = aws_glue_job.load.name
  }
  predicate {
    conditions {
      job_name = aws_glue_job.extract.name
      state    = "SUCCEEDED"
    }
  }
}
