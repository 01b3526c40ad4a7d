# Encrypted with the AWS managed key aws/glue: no sse_aws_kms_key_id, no aws_kms_key_id.
resource "aws_glue_data_catalog_encryption_settings" "account" {
  catalog_id = "123456789012"
  data_catalog_encryption_settings {
    connection_password_encryption {
      return_connection_password_encrypted = true
    }
    encryption_at_rest {
      catalog_encryption_mode = "SSE-KMS"
    }
  }
}
