# orders-nightly: p95 15 min; 45 min is 3x the p95 but only 30 min above it (the policy wants 60).
resource "aws_glue_job" "orders" {
  name              = "orders-nightly"
  role_arn          = "arn:aws:iam::123456789012:role/glue-orders"
  glue_version      = "4.0"
  worker_type       = "G.1X"
  number_of_workers = 10
  timeout           = 45
  command {
    name            = "glueetl"
    script_location = "s3://acme-glue-scripts/orders/nightly.py"
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

# events-hourly: 12 recorded runs, fewer than the policy's 20: its p95 says too little to flag the timeout.
resource "aws_glue_job" "events" {
  name              = "events-hourly"
  role_arn          = "arn:aws:iam::123456789012:role/glue-events"
  glue_version      = "4.0"
  worker_type       = "G.1X"
  number_of_workers = 2
  timeout           = 2880
  command {
    name            = "glueetl"
    script_location = "s3://acme-glue-scripts/events/hourly.py"
    python_version  = "3"
  }
}

# invoices: no run history at all: nothing to compare with.
resource "aws_glue_job" "invoices" {
  name              = "invoices-monthly"
  role_arn          = "arn:aws:iam::123456789012:role/glue-invoices"
  glue_version      = "4.0"
  worker_type       = "G.1X"
  number_of_workers = 2
  timeout           = 2880
  command {
    name            = "glueetl"
    script_location = "s3://acme-glue-scripts/invoices/monthly.py"
    python_version  = "3"
  }
}
