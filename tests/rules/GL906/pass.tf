resource "aws_s3_object" "script" {
  bucket = "acme-glue-scripts"
  key    = "jobs/GlueApp.scala"
  source = "${path.module}/scripts/GlueApp.scala"
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
    "--job-language" = "scala"
    "--class" = "GlueApp"
  }
}
