resource "aws_glue_connection" "clickstream" {
  name            = "clickstream"
  connection_type = "KAFKA"
  connection_properties = {
    KAFKA_BOOTSTRAP_SERVERS           = "b-1.clickstream.kafka.us-east-1.amazonaws.com:9094"
    KAFKA_SKIP_CUSTOM_CERT_VALIDATION = "true"
  }
}
