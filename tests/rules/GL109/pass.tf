resource "aws_glue_connection" "sales_db" {
  name            = "sales-db"
  connection_type = "JDBC"

  connection_properties = {
    JDBC_CONNECTION_URL = "jdbc:postgresql://sales-db.internal:5432/sales"
    JDBC_ENFORCE_SSL = "true"
    SECRET_ID = "prod/sales-db/etl"
  }

  physical_connection_requirements {
    availability_zone      = "us-east-1a"
    security_group_id_list = ["sg-0123456789abcdef0"]
    subnet_id              = "subnet-0123456789abcdef0"
  }
}
