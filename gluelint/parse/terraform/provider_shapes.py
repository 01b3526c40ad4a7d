"""The form of AWS provider attributes whose value is known only at apply time (an ARN, a key id, a bucket name)."""

# Attributes of AWS provider resources and data sources whose value is known only at apply time but whose form
# is certain (https://registry.terraform.io/providers/hashicorp/aws/latest/docs: kms_key, kms_alias,
# kms_replica_key, s3_bucket; data sources kms_key, kms_alias, s3_bucket; retrieved 2026-12).
REFERENCE_SHAPES: dict[tuple[str, str], str] = {
    ("aws_kms_key", "arn"): "kms_key_arn",
    ("aws_kms_key", "key_id"): "kms_key_id",
    ("aws_kms_key", "id"): "kms_key_id",
    ("aws_kms_replica_key", "arn"): "kms_key_arn",
    ("aws_kms_replica_key", "key_id"): "kms_key_id",
    ("aws_kms_alias", "arn"): "kms_alias_arn",
    ("aws_kms_alias", "name"): "kms_alias_name",
    ("aws_kms_alias", "target_key_arn"): "kms_key_arn",
    ("data.aws_kms_key", "arn"): "kms_key_arn",
    ("data.aws_kms_key", "id"): "kms_key_id",
    ("data.aws_kms_alias", "arn"): "kms_alias_arn",
    ("data.aws_kms_alias", "target_key_arn"): "kms_key_arn",
    ("data.aws_kms_alias", "target_key_id"): "kms_key_id",
    ("aws_s3_bucket", "bucket"): "s3_bucket_name",
    ("aws_s3_bucket", "id"): "s3_bucket_name",
    ("data.aws_s3_bucket", "bucket"): "s3_bucket_name",
    ("data.aws_s3_bucket", "id"): "s3_bucket_name",
}
