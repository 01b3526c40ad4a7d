variable "timeout_minutes" {
  type    = string
  default = "120"
}

resource "aws_glue_job" "orders" {
  name                    = "orders-nightly"
  role_arn                = "arn:aws:iam::123456789012:role/glue-orders"
  glue_version            = "5.0"
  worker_type             = "G.1X"
  number_of_workers       = 10
  timeout                 = var.timeout_minutes
  job_run_queuing_enabled = true
  max_retries             = 1

  command {
    name            = "glueetl"
    script_location = "s3://acme-glue-scripts/orders/nightly.py"
  }
}

resource "aws_glue_trigger" "orders_events" {
  name = "orders-events"
  type = "EVENT"

  event_batching_condition {
    batch_size = 10
  }

  actions {
    job_name = aws_glue_job.orders.name
  }
}
