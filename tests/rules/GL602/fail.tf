resource "aws_glue_job" "orders" {
  name              = "orders-refresh"
  role_arn          = "arn:aws:iam::123456789012:role/glue-orders"
  glue_version      = "5.0"
  worker_type       = "G.1X"
  number_of_workers = 10
  timeout           = 60
  command {
    name            = "glueetl"
    script_location = "s3://acme-glue-scripts/orders/refresh.py"
    python_version  = "3"
  }
}

resource "aws_glue_trigger" "orders" {
  name     = "orders-refresh-every-6h"
  type     = "SCHEDULED"
  schedule = "cron(0 */6 * * ? *)"
  actions {
    job_name = aws_glue_job.orders.name
  }
}
