# A notebook endpoint kept from 2021; no glue_version, so the API gave it Glue 0.9.
resource "aws_glue_dev_endpoint" "notebooks" {
  name            = "analytics-notebooks"
  role_arn        = "arn:aws:iam::123456789012:role/glue-dev"
  number_of_nodes = 5
}

resource "aws_glue_dev_endpoint" "spark_debug" {
  name              = "spark-debug"
  role_arn          = "arn:aws:iam::123456789012:role/glue-dev"
  glue_version      = "1.0"
  worker_type       = "G.1X"
  number_of_workers = 2
}
