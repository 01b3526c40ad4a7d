variable "timeout_minutes" {
  type    = string
  default = "6300a"
}

resource "aws_glue_job" "orders" {
  name                    = "orders-nightly"
  role_arn                = "arn:aws:iam::123456789012:role/glue-orders"
  glue_version            = "5.0"
  worker_type             = "G.1X"
  number_of_workers       = "ten"
  timeout                 = var.timeout_minutes
  job_run_queuing_enabled = "yes"
  max_retries             = 1.5

  command {
    name            = "glueetl"
    script_location = "s3://acme-glue-scripts/orders/nightly.py"
  }
}

resource "aws_glue_trigger" "orders_events" {
  name = "orders-events"
  type = "EVENT"

  event_batching_condition {
    batch_size = "10 events"
  }

  actions {
    job_name = aws_glue_job.orders.name
  }
}
