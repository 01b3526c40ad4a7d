resource "aws_glue_job" "clickstream" {
  name              = "clickstream-sessionize"
  role_arn          = "arn:aws:iam::123456789012:role/glue-clickstream"
  glue_version      = "5.0"
  worker_type       = "G.2X"
  number_of_workers = 20
  timeout           = 120
  command {
    name            = "glueetl"
    script_location = "s3://acme-glue-scripts/clickstream/sessionize.py"
    python_version  = "3"
  }
}

resource "aws_glue_job" "customers" {
  name              = "customers-dedupe"
  role_arn          = "arn:aws:iam::123456789012:role/glue-customers"
  glue_version      = "5.0"
  worker_type       = "G.1X"
  number_of_workers = 10
  timeout           = 60
  command {
    name            = "glueetl"
    script_location = "s3://acme-glue-scripts/customers/dedupe.py"
    python_version  = "3"
  }
  tags = {
    "gluelint:workload" = "medium_etl"
  }
}
