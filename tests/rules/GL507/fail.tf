resource "aws_glue_job" "ray_features" {
  name = "ray-features"
  role_arn = "arn:aws:iam::123456789012:role/GlueETLRole"
  glue_version = "3.0"
  command {
    name = "glueray"
    script_location = "s3://etl-scripts/ray_features.py"
    runtime = "Ray2.4"
  }
  worker_type = "Z.2X"
  number_of_workers = 2
  timeout = 60
}
