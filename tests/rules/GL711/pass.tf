resource "aws_glue_job" "export" {
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

resource "aws_cloudwatch_event_rule" "daily" {
  name                = "sales-daily"
  schedule_expression = "rate(1 day)"
}

resource "aws_cloudwatch_event_target" "daily" {
  rule     = aws_cloudwatch_event_rule.daily.name
  arn      = aws_sfn_state_machine.sales.arn
  role_arn = "arn:aws:iam::123456789012:role/events-sfn"
}

resource "aws_scheduler_schedule" "nightly" {
  name                         = "orders-export-nightly"
  schedule_expression          = "cron(0 3 * * ? *)"
  schedule_expression_timezone = "Europe/Paris"
  flexible_time_window {
    mode = "OFF"
  }
  target {
    arn      = "arn:aws:scheduler:::aws-sdk:glue:startJobRun"
    role_arn = "arn:aws:iam::123456789012:role/scheduler-glue"
    input    = jsonencode({ JobName = aws_glue_job.export.name })
  }
}

# Not a Glue starter (no target that starts Glue work): not this linter's business, whatever its expression.
resource "aws_cloudwatch_event_rule" "unrelated" {
  name                = "lambda-cleanup"
  schedule_expression = "rate(1 days)"
}
