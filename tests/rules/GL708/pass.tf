resource "aws_glue_job" "orders_load" {
  name              = "orders-load"
  role_arn          = "arn:aws:iam::123456789012:role/glue-orders"
  glue_version      = "5.0"
  worker_type       = "G.1X"
  number_of_workers = 10
  timeout           = 60
  command {
    name            = "glueetl"
    script_location = "s3://acme-glue-scripts/orders/load.py"
    python_version  = "3"
  }
}

# Two conditions and no `logical`: the provider sends its default, "AND" (nothing for GL708 to report).
resource "aws_glue_trigger" "load_after_extracts" {
  name = "orders-load-after-extracts"
  type = "CONDITIONAL"
  actions {
    job_name = aws_glue_job.orders_load.name
  }
  predicate {
    conditions {
      job_name = "orders-extract"
      state    = "SUCCEEDED"
    }
    conditions {
      job_name = "customers-extract"
      state    = "SUCCEEDED"
    }
  }
}
