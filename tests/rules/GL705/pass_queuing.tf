# Job run queuing is on: a run over the limit waits (WAITING) instead of failing.
resource "aws_glue_job" "inventory" {
  job_run_queuing_enabled = true
  name              = "inventory-sync"
  role_arn          = "arn:aws:iam::123456789012:role/glue-inventory"
  glue_version      = "5.0"
  worker_type       = "G.1X"
  number_of_workers = 4
  timeout           = 120
  command {
    name            = "glueetl"
    script_location = "s3://acme-glue-scripts/inventory/sync.py"
    python_version  = "3"
  }
  execution_property {
    max_concurrent_runs = 1
  }
}

# No timeout: the Glue 5.0 default of 480 minutes applies, longer than the 4-hour interval.
resource "aws_glue_job" "prices" {
  job_run_queuing_enabled = true
  name              = "prices-refresh"
  role_arn          = "arn:aws:iam::123456789012:role/glue-inventory"
  glue_version      = "5.0"
  worker_type       = "G.1X"
  number_of_workers = 2
  command {
    name            = "glueetl"
    script_location = "s3://acme-glue-scripts/inventory/prices.py"
    python_version  = "3"
  }
}

resource "aws_glue_trigger" "hourly" {
  name     = "inventory-sync-hourly"
  type     = "SCHEDULED"
  schedule = "cron(0 * * * ? *)"
  actions {
    job_name = aws_glue_job.inventory.name
  }
}

resource "aws_glue_trigger" "prices" {
  name     = "prices-refresh-4h"
  type     = "SCHEDULED"
  schedule = "cron(15 */4 * * ? *)"
  actions {
    job_name = aws_glue_job.prices.name
  }
}
