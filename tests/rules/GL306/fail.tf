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
    "--job-bookmark-option" = "job-bookmark-enable"
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
    "--auto-scale-within-microbatch" = "true"
  }
}

resource "aws_glue_job" "report" {
  name = "report"
  role_arn = "arn:aws:iam::123456789012:role/GlueETLRole"
  glue_version = "3.0"
  command {
    name = "pythonshell"
    script_location = "s3://etl-scripts/report.py"
    python_version = "3.9"
  }
  max_capacity = 0.0625
  timeout = 60
  default_arguments = {
    "--conf" = "spark.sql.shuffle.partitions=10"
    "--class" = "Report"
    "--extra-jars" = "s3://acme-glue-scripts/lib/driver.jar"
    "--enable-spark-ui" = "true"
    "--job-bookmark-option" = "job-bookmark-disable"
  }
}

resource "aws_glue_job" "legacy_export" {
  name = "legacy-export"
  role_arn = "arn:aws:iam::123456789012:role/GlueETLRole"
  glue_version = "1.0"
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
  glue_version = "3.0"
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
  glue_version = "4.0"
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

resource "aws_glue_job" "clickstream" {
  name = "clickstream"
  role_arn = "arn:aws:iam::123456789012:role/GlueETLRole"
  glue_version = "5.0"
  command {
    name = "gluestreaming"
    script_location = "s3://etl-scripts/clickstream.py"
    python_version = "3"
  }
  worker_type = "G.1X"
  number_of_workers = 4
  maintenance_window = "Sun:3"
  default_arguments = {
    "--job-language" = "python"
    "--TempDir" = "s3://etl-temp/clickstream/"
    "--enable-lakeformation-fine-grained-access" = "true"
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
    "--enable-metrics" = "true"
    "--enable-continuous-cloudwatch-log" = "true"
    "--enable-spark-ui" = "true"
    "--spark-event-logs-path" = "s3://etl-temp/ray_features/sparkui/"
    "--conf" = "spark.sql.shuffle.partitions=10"
    "--enable-auto-scaling" = "true"
  }
}
