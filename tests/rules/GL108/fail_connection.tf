resource "aws_glue_connection" "sales" {
  name = "sales"
  connection_properties = {
    JDBC_CONNECTION_URL = "jdbc:postgresql://sales-db.internal:5432/sales"
    JDBC_ENFORCE_SSL    = "true"
    USERNAME            = "Wint3r!sComing"
    SECRET_ID           = "prod/sales-db/etl"
  }
}

resource "aws_glue_job" "sync" {
  name     = "sync"
  role_arn = "arn:aws:iam::123456789012:role/glue-etl"

  command {
    script_location = "s3://acme-glue-scripts/sync.py"
  }

  source_control_details {
    provider     = "GITHUB"
    repository   = "etl"
    owner        = "acme"
    auth_strategy = "PERSONAL_ACCESS_TOKEN"
    auth_token   = "ghp_aaaaBBBBccccDDDDeeeeFFFFgggg1234"
  }
}
