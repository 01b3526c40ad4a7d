resource "aws_glue_job" "orders" {
  name              = "orders-nightly"
  role_arn          = "arn:aws:iam::123456789012:role/glue-orders"
  glue_version      = "4.0"
  worker_type       = "G.1X"
  number_of_workers = 10
  timeout           = 2880
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

# No timeout: Glue 5.0's default of 480 minutes applies. Started on demand (no trigger here).
resource "aws_glue_job" "customers" {
  name              = "customers-weekly"
  role_arn          = "arn:aws:iam::123456789012:role/glue-customers"
  glue_version      = "5.0"
  worker_type       = "G.2X"
  number_of_workers = 5
  command {
    name            = "glueetl"
    script_location = "s3://acme-glue-scripts/customers/weekly.py"
    python_version  = "3"
  }
}
