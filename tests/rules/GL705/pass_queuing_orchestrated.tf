# Job run queuing is on: a run over the limit waits (WAITING) instead of failing.
resource "aws_glue_job" "export" {
  job_run_queuing_enabled = true
  name              = "orders-export"
  role_arn          = "arn:aws:iam::123456789012:role/glue-orders"
  glue_version      = "5.0"
  worker_type       = "G.1X"
  number_of_workers = 2
  timeout           = 60
  command {
    script_location = "s3://acme-glue-scripts/orders/export.py"
  }
}

resource "aws_sfn_state_machine" "sales" {
  name     = "sales-pipeline"
  role_arn = "arn:aws:iam::123456789012:role/sfn-sales"
  definition = jsonencode({
    StartAt = "Export"
    States = {
      Export = {
        Type       = "Task"
        Resource   = "arn:aws:states:::glue:startJobRun.sync"
        Parameters = { JobName = aws_glue_job.export.name }
        End        = true
      }
    }
  })
}

resource "aws_scheduler_schedule" "often" {
  name                = "orders-export-often"
  schedule_expression = "rate(30 minutes)"
  flexible_time_window {
    mode = "OFF"
  }
  target {
    arn      = aws_sfn_state_machine.sales.arn
    role_arn = "arn:aws:iam::123456789012:role/scheduler-sfn"
  }
}
