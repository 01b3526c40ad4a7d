variable "worker_type" {
  type    = string
  default = "G.8X"
}

resource "aws_glue_job" "orders" {
  name              = "orders-nightly"
  role_arn          = "arn:aws:iam::123456789012:role/glue-orders"
  glue_version      = "5.0"
  worker_type       = var.worker_type
  number_of_workers = 10
  execution_class   = "FLEX"
  timeout           = 60

  command {
    name            = "glueetl"
    script_location = "s3://acme-glue-scripts/orders/nightly.py"
  }
}

resource "aws_glue_trigger" "after_orders" {
  name = "after-orders"
  type = "CONDITIONAL"

  predicate {
    logical = "ANY"

    conditions {
      job_name = aws_glue_job.orders.name
      state    = "SUCCEEDED"
    }
  }

  actions {
    job_name = aws_glue_job.orders.name
  }
}

resource "aws_glue_crawler" "orders" {
  name          = "orders"
  role          = "arn:aws:iam::123456789012:role/glue-crawler"
  database_name = "orders"

  s3_target {
    path = "s3://acme-orders/raw/"
  }

  schema_change_policy {
    delete_behavior = "LOG"
    update_behavior = "UPDATE_IN_DATABASE"
  }

  recrawl_policy {
    recrawl_behavior = "CRAWL_EVERYTHING"
  }
}

resource "aws_glue_connection" "warehouse" {
  name            = "warehouse"
  connection_type = "JDBC"

  connection_properties = {
    JDBC_CONNECTION_URL = "jdbc:postgresql://db.example.com:5432/warehouse"
    SECRET_ID           = "warehouse-credentials"
  }
}

resource "aws_glue_security_configuration" "strict" {
  name = "strict"

  encryption_configuration {
    cloudwatch_encryption {
      cloudwatch_encryption_mode = "DISABLED"
    }
    job_bookmarks_encryption {
      job_bookmarks_encryption_mode = "DISABLED"
    }
    s3_encryption {
      s3_encryption_mode = "SSE-S3"
    }
  }
}
