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

# .sync waits for the run: its result has JobRunState.
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
        Next       = "Exported?"
      }
      "Exported?" = {
        Type    = "Choice"
        Choices = [{ Variable = "$.JobRunState", StringEquals = "SUCCEEDED", Next = "Done" }]
        Default = "Failed"
      }
      Done   = { Type = "Succeed" }
      Failed = { Type = "Fail" }
    }
  })
}

# Asynchronous start, then polling with getJobRun: the Choice reads the polled run.
resource "aws_sfn_state_machine" "polling" {
  name     = "sales-polling"
  role_arn = "arn:aws:iam::123456789012:role/sfn-sales"
  definition = jsonencode({
    StartAt = "Export"
    States = {
      Export = {
        Type       = "Task"
        Resource   = "arn:aws:states:::glue:startJobRun"
        Parameters = { JobName = aws_glue_job.export.name }
        Next       = "Wait"
      }
      Wait = { Type = "Wait", Seconds = 60, Next = "Poll" }
      Poll = {
        Type       = "Task"
        Resource   = "arn:aws:states:::aws-sdk:glue:getJobRun"
        Parameters = { JobName = aws_glue_job.export.name, "RunId.$" = "$.JobRunId" }
        Next       = "Finished?"
      }
      "Finished?" = {
        Type    = "Choice"
        Choices = [{ Variable = "$.JobRun.JobRunState", StringEquals = "SUCCEEDED", Next = "Done" }]
        Default = "Wait"
      }
      Done = { Type = "Succeed" }
    }
  })
}
