resource "aws_glue_job" "quality_check" {
  name = "quality-check"
  role_arn = "arn:aws:iam::123456789012:role/GlueETLRole"
  glue_version = "3.0"
  command {
    name = "pythonshell"
    script_location = "s3://etl-scripts/quality_check.py"
    python_version = "3.9"
  }
  max_capacity = 0.0625
  timeout = 60
  default_arguments = {
    "--TempDir" = "s3://etl-temp/quality_check/"
    "--additional-python-modules" = "pandas==2.1.4"
  }
}

resource "aws_glue_job" "daily_rollup" {
  name = "daily-rollup"
  role_arn = "arn:aws:iam::123456789012:role/GlueETLRole"
  glue_version = "3.0"
  command {
    name = "glueetl"
    script_location = "s3://etl-scripts/daily_rollup.py"
    python_version = "3"
  }
  worker_type = "G.1X"
  number_of_workers = 2
  timeout = 60
  default_arguments = {
    "--job-language" = "python"
    "--TempDir" = "s3://etl-temp/daily_rollup/"
    "--enable-auto-scaling" = "true"
  }
}

resource "aws_glue_job" "legacy_export" {
  name = "legacy-export"
  role_arn = "arn:aws:iam::123456789012:role/GlueETLRole"
  glue_version = "2.0"
  command {
    name = "glueetl"
    script_location = "s3://etl-scripts/legacy_export.py"
    python_version = "3"
  }
  worker_type = "G.1X"
  number_of_workers = 2
  timeout = 60
  default_arguments = {
    "--job-language" = "python"
    "--TempDir" = "s3://etl-temp/legacy_export/"
    "--enable-job-insights" = "true"
    "--disable-proxy-v2" = "true"
  }
}

resource "aws_glue_job" "orders_enrich" {
  name = "orders-enrich"
  role_arn = "arn:aws:iam::123456789012:role/GlueETLRole"
  glue_version = "4.0"
  command {
    name = "glueetl"
    script_location = "s3://etl-scripts/orders_enrich.py"
    python_version = "3"
  }
  worker_type = "G.1X"
  number_of_workers = 2
  timeout = 60
  default_arguments = {
    "--job-language" = "python"
    "--TempDir" = "s3://etl-temp/orders_enrich/"
    "--enable-observability-metrics" = "true"
  }
}

resource "aws_glue_job" "pii_reader" {
  name = "pii-reader"
  role_arn = "arn:aws:iam::123456789012:role/GlueETLRole"
  glue_version = "5.0"
  command {
    name = "glueetl"
    script_location = "s3://etl-scripts/pii_reader.py"
    python_version = "3"
  }
  worker_type = "G.1X"
  number_of_workers = 4
  timeout = 60
  default_arguments = {
    "--job-language" = "python"
    "--TempDir" = "s3://etl-temp/pii_reader/"
    "--enable-lakeformation-fine-grained-access" = "true"
    "--custom-logGroup-prefix" = "/acme/etl"
    "--custom-logStream-prefix" = "pii-reader"
  }
}

resource "aws_glue_job" "ray_features" {
  name = "ray-features"
  role_arn = "arn:aws:iam::123456789012:role/GlueETLRole"
  glue_version = "4.0"
  command {
    name = "glueray"
    script_location = "s3://etl-scripts/ray_features.py"
    runtime = "Ray2.4"
  }
  worker_type = "Z.2X"
  number_of_workers = 2
  timeout = 60
  default_arguments = {
    "--pip-install" = "pandas==2.0.3"
    "--working-dir" = "s3://etl-scripts/ray_features.zip"
  }
}

resource "aws_glue_job" "legacy_shell" {
  name = "legacy-shell"
  role_arn = "arn:aws:iam::123456789012:role/GlueETLRole"
  glue_version = "1.0"
  command {
    name = "pythonshell"
    script_location = "s3://etl-scripts/legacy_shell.py"
    python_version = "3.9"
  }
  max_capacity = 0.0625
  timeout = 60
  default_arguments = {
    "--TempDir" = "s3://etl-temp/legacy_shell/"
    "--enable-observability-metrics" = "true"
  }
}
