# The same job and trigger with values the API accepts.
resource "aws_glue_job" "orders" {
  name              = "orders-nightly"
  role_arn          = "arn:aws:iam::123456789012:role/glue-orders"
  glue_version      = "5.0"
  worker_type       = "G.1X"
  number_of_workers = 2
  job_mode          = "NOTEBOOK"
  command {
    name            = "glueetl"
    script_location = "s3://acme-glue-scripts/orders/nightly.py"
  }
}

resource "aws_glue_trigger" "after_crawl" {
  name = "orders-after-raw-crawl"
  type = "CONDITIONAL"

  predicate {
    logical = "AND"
    conditions {
      crawler_name = "orders-raw"
      crawl_state  = "SUCCEEDED"
    }
    conditions {
      job_name         = "orders-extract"
      state            = "SUCCEEDED"
      logical_operator = "EQUALS"
    }
  }

  actions {
    job_name = aws_glue_job.orders.name
  }
}
