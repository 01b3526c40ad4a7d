resource "aws_glue_job" "orders_backfill" {
  name              = "orders-backfill"
  role_arn          = "arn:aws:iam::123456789012:role/glue-orders"
  glue_version      = "5.0"
  worker_type       = "G.1X"
  number_of_workers = 10
  timeout           = 120
  command {
    name            = "glueetl"
    script_location = "s3://acme-glue-scripts/orders/backfill.py"
    python_version  = "3"
  }
}

# Started by hand when a backfill is needed.
resource "aws_glue_trigger" "orders_backfill" {
  name              = "orders-backfill"
  type              = "ON_DEMAND"
  start_on_creation = true
  actions {
    job_name = aws_glue_job.orders_backfill.name
  }
}
