variable "db_password" {
  type      = string
  sensitive = true
}

resource "aws_glue_connection" "sales" {
  name = "sales"
  connection_properties = {
    JDBC_CONNECTION_URL = "jdbc:postgresql://sales-db.internal:5432/sales"
    JDBC_ENFORCE_SSL    = "true"
    USERNAME            = "etl"
    PASSWORD            = var.db_password
  }
}

resource "aws_glue_connection" "orders" {
  name = "orders"
  connection_properties = {
    JDBC_CONNECTION_URL = "jdbc:mysql://orders-db.internal:3306/orders"
    JDBC_ENFORCE_SSL    = "true"
    USERNAME            = "etl"
    PASSWORD            = data.aws_secretsmanager_secret_version.orders.secret_string
  }
}
