resource "aws_s3_object" "script" {
  bucket = "acme-glue-scripts"
  key    = "jobs/etl.py"
  source = "${path.module}/scripts/etl.py"
}

resource "aws_glue_job" "orders" {
  name     = "orders-etl"
  role_arn = "arn:aws:iam::123456789012:role/glue-orders"
  glue_version      = "5.0"
  worker_type       = "G.1X"
  number_of_workers = 2
  timeout  = 60
  command {
    name            = "glueetl"
    script_location = "s3://acme-glue-scripts/${aws_s3_object.script.key}"
  }
  default_arguments = {
    "--source_table" = "orders"
  }
}

resource "aws_sfn_state_machine" "orders" {
  name     = "orders-pipeline"
  role_arn = "arn:aws:iam::123456789012:role/sfn-orders"
  definition = jsonencode({
    StartAt = "Load"
    States = {
      Load = {
        Type     = "Task"
        Resource = "arn:aws:states:::glue:startJobRun.sync"
        Parameters = {
          JobName = aws_glue_job.orders.name
          Arguments = {
            "--target_path" = "s3://acme-lake/orders/"
          }
        }
        End = true
      }
    }
  })
}
