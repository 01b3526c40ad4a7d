resource "aws_glue_job" "orders" {
  name              = "orders-nightly"
  role_arn          = "arn:aws:iam::123456789012:role/glue-orders"
  glue_version      = "5.0"
  worker_type       = "G.1X"
  number_of_workers = 10
  timeout           = 60
  command {
    name            = "glueetl"
    script_location = "s3://acme-glue-scripts/orders/nightly.py"
    python_version  = "3"
  }
}

resource "aws_glue_job" "report" {
  name              = "orders-report"
  role_arn          = "arn:aws:iam::123456789012:role/glue-orders"
  glue_version      = "5.0"
  worker_type       = "G.1X"
  number_of_workers = 2
  timeout           = 30
  command {
    name            = "glueetl"
    script_location = "s3://acme-glue-scripts/orders/report.py"
    python_version  = "3"
  }
}

resource "aws_glue_trigger" "nightly" {
  name     = "orders-nightly"
  type     = "SCHEDULED"
  schedule = "cron(0 2 * * ? *)"
  actions {
    job_name = aws_glue_job.orders.name
  }
}

resource "aws_glue_trigger" "report" {
  name = "orders-report-after-load"
  type = "CONDITIONAL"
  actions {
    job_name = aws_glue_job.report.name
  }
  predicate {
    conditions {
      job_name = aws_glue_job.orders.name
      state    = "SUCCEEDED"
    }
  }
}

resource "aws_glue_trigger" "billing" {
  name = "billing-export-after-report"
  type = "CONDITIONAL"
  actions {
    job_name = "billing-export"
  }
  predicate {
    conditions {
      job_name = "orders-report"
      state    = "SUCCEEDED"
    }
  }
}
