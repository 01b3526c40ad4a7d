resource "aws_glue_connection" "sales" {
  name = "sales"
  connection_properties = {
    JDBC_CONNECTION_URL = "jdbc:postgresql://sales-db.internal:5432/sales"
    JDBC_ENFORCE_SSL    = "true"
    SECRET_ID           = aws_secretsmanager_secret.sales_db.name
  }
}
