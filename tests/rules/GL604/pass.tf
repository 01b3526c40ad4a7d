resource "aws_glue_job" "orders" {
  name              = "orders-nightly"
  role_arn          = "arn:aws:iam::123456789012:role/glue-orders"
  glue_version      = "5.0"
  worker_type       = "G.1X"
  number_of_workers = 10
  timeout           = 60
  execution_class   = "FLEX"
  command {
    name            = "glueetl"
    script_location = "s3://acme-glue-scripts/orders/nightly.py"
    python_version  = "3"
  }
}

# Not started by a schedule: on demand only, so Flex's delayed start is not suggested.
resource "aws_glue_job" "invoices" {
  name              = "invoices-backfill"
  role_arn          = "arn:aws:iam::123456789012:role/glue-invoices"
  glue_version      = "4.0"
  worker_type       = "G.1X"
  number_of_workers = 5
  timeout           = 30
  command {
    name            = "glueetl"
    script_location = "s3://acme-glue-scripts/invoices/backfill.py"
    python_version  = "3"
  }
}

# Scheduled on STANDARD, but on G.4X workers: Flex runs only on G.1X and G.2X, so it is not suggested.
resource "aws_glue_job" "wide_join" {
  name              = "wide-join"
  role_arn          = "arn:aws:iam::123456789012:role/glue-orders"
  glue_version      = "4.0"
  worker_type       = "G.4X"
  number_of_workers = 10
  timeout           = 60
  command {
    name            = "glueetl"
    script_location = "s3://acme-glue-scripts/orders/wide_join.py"
    python_version  = "3"
  }
}

resource "aws_glue_trigger" "nightly" {
  name     = "finance-nightly"
  type     = "SCHEDULED"
  schedule = "cron(0 2 * * ? *)"
  actions {
    job_name = aws_glue_job.orders.name
  }
  actions {
    job_name = aws_glue_job.wide_join.name
  }
}
