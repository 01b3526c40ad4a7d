# The jobs of a typical data-lake architecture (ingest, transform, aggregate), written by hand in Terraform HCL.
# They keep the notes' mistakes: gluelint must catch them.

resource "aws_glue_job" "raw_ingestion" {
  name     = "raw-data-ingestion"
  role_arn = "arn:aws:iam::123456789012:role/GlueETLRole"
  description  = "Initial raw data ingestion and cataloging"
  glue_version = "4.0"
  worker_type       = "G.1X"
  number_of_workers = 2

  command {
    script_location = "s3://etl-scripts/raw_ingestion.py"
    name            = "glueetl"
  }

  default_arguments = {
    "--job-language" = "python"
    "--enable-metrics" = ""
    "--enable-continuous-cloudwatch-log" = "true"
    "--enable-job-insights" = "true"
    "--enable-auto-scaling" = "true"
    "--source-connection" = "rds-source"
    "--target-database" = "raw_data_lake"
    "--bookmark-option" = "job-bookmark-enable"
    "--enable-data-lineage" = "true"
  }
}

resource "aws_glue_job" "data_transformation" {
  name     = "data-transformation-etl"
  role_arn = "arn:aws:iam::123456789012:role/GlueETLRole"
  description  = "Business logic transformation and enrichment"
  glue_version = "4.0"
  worker_type       = "G.2X"
  number_of_workers = 20

  command {
    script_location = "s3://etl-scripts/transform.py"
    name            = "glueetl"
  }

  default_arguments = {
    "--job-language" = "python"
    "--enable-metrics" = ""
    "--enable-continuous-cloudwatch-log" = "true"
    "--enable-job-insights" = "true"
    "--enable-auto-scaling" = "true"
    "--target-database" = "processed_data_lake"
    "--transformation-rules" = "s3://config/transform-rules.json"
    "--enable-spark-ui" = "true"
  }

  execution_property {
    max_concurrent_runs = 2
  }
}

resource "aws_glue_job" "analytics_aggregation" {
  name     = "analytics-aggregation-etl"
  role_arn = "arn:aws:iam::123456789012:role/GlueETLRole"
  description  = "Analytics aggregation and mart creation"
  glue_version = "4.0"
  worker_type       = "G.1X"
  number_of_workers = 10

  command {
    script_location = "s3://etl-scripts/aggregate.py"
    name            = "glueetl"
  }

  default_arguments = {
    "--job-language" = "python"
    "--enable-metrics" = ""
    "--enable-continuous-cloudwatch-log" = "true"
    "--enable-job-insights" = "true"
    "--enable-auto-scaling" = "true"
    "--source-database" = "processed_data_lake"
    "--target-database" = "analytics_mart"
    "--aggregation-level" = "daily"
    "--partition-strategy" = "date_based"
  }
}

resource "aws_glue_job" "stream_enrichment" {
  name     = "real-time-enrichment"
  role_arn = "arn:aws:iam::123456789012:role/GlueStreamingRole"
  description  = "Real-time data enrichment from Kinesis streams"
  glue_version = "4.0"
  worker_type       = "G.1X"
  number_of_workers = 4
  timeout = 2880

  command {
    script_location = "s3://streaming-scripts/enrich_stream.py"
    name            = "gluestreaming"
  }

  default_arguments = {
    "--job-language" = "python"
    "--enable-metrics" = ""
    "--enable-continuous-cloudwatch-log" = "true"
    "--continuous-log-logStream" = "glue-streaming-job"
    "--window-size" = "100"
    "--checkpoint-location" = "s3://streaming-checkpoints/enrichment/"
    "--source-stream-arn" = "arn:aws:kinesis:region:account:stream/raw-events"
    "--enrichment-database" = "reference_data"
    "--target-stream-arn" = "arn:aws:kinesis:region:account:stream/enriched-events"
    "--watermark-delay" = "10 minutes"
  }
}

resource "aws_glue_job" "stream_aggregation" {
  name     = "real-time-aggregation"
  role_arn = "arn:aws:iam::123456789012:role/GlueStreamingRole"
  description  = "Real-time metrics aggregation"
  glue_version = "4.0"
  worker_type       = "G.2X"
  number_of_workers = 6

  command {
    script_location = "s3://streaming-scripts/aggregate_stream.py"
    name            = "gluestreaming"
  }

  default_arguments = {
    "--job-language" = "python"
    "--enable-metrics" = ""
    "--enable-continuous-cloudwatch-log" = "true"
    "--continuous-log-logStream" = "glue-streaming-job"
    "--window-size" = "100"
    "--checkpoint-location" = "s3://streaming-checkpoints/aggregation/"
    "--source-stream-arn" = "arn:aws:kinesis:region:account:stream/enriched-events"
    "--aggregation-windows" = "1 minute,5 minutes,1 hour"
    "--target-table" = "real_time_metrics"
    "--output-mode" = "update"
  }
}

resource "aws_glue_job" "data_profiling" {
  name     = "data-quality-profiling"
  role_arn = "arn:aws:iam::123456789012:role/GlueQualityRole"
  description  = "Automated data profiling and quality assessment"
  glue_version = "3.0"
  max_capacity = 1.0

  command {
    script_location = "s3://quality-scripts/profile_data.py"
    name            = "pythonshell"
    python_version  = "3.9"
  }

  default_arguments = {
    "--job-language" = "python"
    "--python-modules-installer-option" = "great-expectations==0.15.0,pandas==1.5.0,boto3==1.26.0"
    "--target-database" = "processed_data_lake"
    "--profile-output-location" = "s3://data-quality/profiles/"
    "--quality-threshold" = "0.95"
    "--notification-topic" = "arn:aws:sns:region:account:data-quality-alerts"
  }
}

resource "aws_glue_job" "schema_validation" {
  name     = "schema-drift-detection"
  role_arn = "arn:aws:iam::123456789012:role/GlueQualityRole"
  description  = "Schema drift detection and validation"
  glue_version = "4.0"
  worker_type       = "G.1X"
  number_of_workers = 2

  command {
    script_location = "s3://quality-scripts/validate_schema.py"
    name            = "glueetl"
  }

  default_arguments = {
    "--job-language" = "python"
    "--enable-metrics" = ""
    "--enable-continuous-cloudwatch-log" = "true"
    "--enable-job-insights" = "true"
    "--enable-auto-scaling" = "true"
    "--catalog-database" = "processed_data_lake"
    "--schema-registry" = "s3://schemas/registry/"
    "--drift-detection-mode" = "strict"
    "--auto-evolve-schema" = "false"
  }
}

resource "aws_glue_job" "lineage_tracking" {
  name     = "data-lineage-tracker"
  role_arn = "arn:aws:iam::123456789012:role/GlueLineageRole"
  description  = "Data lineage tracking and impact analysis"
  glue_version = "4.0"
  max_capacity = 0.0625

  command {
    script_location = "s3://governance-scripts/track_lineage.py"
    name            = "pythonshell"
    python_version  = "3.9"
  }

  default_arguments = {
    "--job-language" = "python"
    "--python-modules-installer-option" = ""
    "--lineage-database" = "data_lineage"
    "--impact-analysis" = "enabled"
    "--governance-rules" = "s3://governance/rules.json"
  }
}

resource "aws_glue_job" "scalable_processor" {
  name     = "auto-scaling-etl"
  role_arn = "arn:aws:iam::123456789012:role/GlueETLRole"
  glue_version = "4.0"
  worker_type       = "G.1X"
  number_of_workers = 2

  command {
    script_location = "s3://etl-scripts/scalable_transform.py"
    name            = "glueetl"
  }

  default_arguments = {
    "--job-language" = "python"
    "--enable-metrics" = ""
    "--enable-continuous-cloudwatch-log" = "true"
    "--enable-job-insights" = "true"
    "--enable-auto-scaling" = "true"
    "--max-workers" = "50"
    "--target-utilization" = "0.8"
    "--scale-up-behavior" = "aggressive"
    "--scale-down-behavior" = "conservative"
    "--enable-spark-ui" = "true"
    "--spark-event-logs-path" = "s3://spark-logs/"
  }
}

resource "aws_glue_job" "memory_processor" {
  name     = "memory-intensive-etl"
  role_arn = "arn:aws:iam::123456789012:role/GlueETLRole"
  glue_version = "4.0"
  worker_type       = "Z.2X"
  number_of_workers = 10

  command {
    script_location = "s3://etl-scripts/memory_intensive.py"
    name            = "glueetl"
  }

  default_arguments = {
    "--job-language" = "python"
    "--enable-metrics" = ""
    "--enable-continuous-cloudwatch-log" = "true"
    "--enable-job-insights" = "true"
    "--enable-auto-scaling" = "true"
    "--enable-spark-ui" = "true"
    "--conf" = "spark.sql.adaptive.enabled=true"
    "--conf" = "spark.sql.adaptive.coalescePartitions.enabled=true"
    "--conf" = "spark.serializer=org.apache.spark.serializer.KryoSerializer"
  }
}

resource "aws_glue_job" "batch_historical" {
  name     = "historical-data-processor"
  role_arn = "arn:aws:iam::123456789012:role/GlueETLRole"
  glue_version = "4.0"
  worker_type       = "G.2X"
  number_of_workers = 20

  command {
    script_location = "s3://etl-scripts/batch_historical.py"
    name            = "glueetl"
  }

  default_arguments = {
    "--job-language" = "python"
    "--enable-metrics" = ""
    "--enable-continuous-cloudwatch-log" = "true"
    "--enable-job-insights" = "true"
    "--enable-auto-scaling" = "true"
    "--processing-mode" = "batch"
    "--lookback-days" = "90"
    "--partition-strategy" = "date_based"
    "--enable-pushdown-predicate" = "true"
  }
}

resource "aws_glue_job" "streaming_realtime" {
  name     = "real-time-processor"
  role_arn = "arn:aws:iam::123456789012:role/GlueStreamingRole"
  glue_version = "4.0"
  worker_type       = "G.1X"
  number_of_workers = 4

  command {
    script_location = "s3://streaming-scripts/realtime_updates.py"
    name            = "gluestreaming"
  }

  default_arguments = {
    "--job-language" = "python"
    "--enable-metrics" = ""
    "--enable-continuous-cloudwatch-log" = "true"
    "--continuous-log-logStream" = "glue-streaming-job"
    "--window-size" = "100"
    "--checkpoint-location" = "s3://streaming-checkpoints/realtime/"
    "--processing-mode" = "streaming"
    "--trigger-interval" = "30 seconds"
    "--watermark-delay" = "2 minutes"
  }
}

resource "aws_glue_job" "cost_optimized" {
  name     = "cost-optimized-etl"
  role_arn = "arn:aws:iam::123456789012:role/GlueETLRole"
  glue_version = "4.0"
  worker_type       = "G.1X"
  number_of_workers = 2
  timeout = 120

  command {
    script_location = "s3://etl-scripts/cost_optimized.py"
    name            = "glueetl"
  }

  default_arguments = {
    "--job-language" = "python"
    "--enable-metrics" = ""
    "--enable-continuous-cloudwatch-log" = "true"
    "--enable-job-insights" = "true"
    "--enable-auto-scaling" = "true"
    "--max-workers" = "10"
    "--enable-spot-instances" = "true"
    "--cost-optimization-mode" = "enabled"
  }

  execution_property {
    max_concurrent_runs = 1
  }
}

resource "aws_glue_job" "flexible_capacity" {
  name     = "flexible-capacity-etl"
  role_arn = "arn:aws:iam::123456789012:role/GlueETLRole"
  glue_version = "4.0"
  worker_type       = "G.025X"
  number_of_workers = 2

  command {
    script_location = "s3://etl-scripts/flexible_processing.py"
    name            = "glueetl"
  }

  default_arguments = {
    "--job-language" = "python"
    "--enable-metrics" = ""
    "--enable-continuous-cloudwatch-log" = "true"
    "--enable-job-insights" = "true"
    "--enable-auto-scaling" = "true"
    "--cost-tracking" = "enabled"
    "--cost-alert-threshold" = "50.00"
    "--processing-priority" = "cost_optimized"
  }
}

resource "aws_glue_job" "secure_etl" {
  name     = "secure-data-processor"
  role_arn = "arn:aws:iam::123456789012:role/GlueSecureRole"
  description  = "Secure processing of sensitive data"
  glue_version = "4.0"
  security_configuration = "secure-glue-config"
  worker_type       = "G.1X"
  number_of_workers = 10

  command {
    script_location = "s3://secure-scripts/encrypted_processing.py"
    name            = "glueetl"
  }

  default_arguments = {
    "--job-language" = "python"
    "--enable-metrics" = ""
    "--enable-continuous-cloudwatch-log" = "true"
    "--enable-job-insights" = "true"
    "--enable-auto-scaling" = "true"
    "--encryption-mode" = "SSE-KMS"
    "--kms-key-id" = "arn:aws:kms:region:account:key/key-id"
    "--audit-logging" = "enabled"
    "--data-classification" = "sensitive"
  }
}

resource "aws_glue_trigger" "etl_pipeline" {
  name = "data-lake-pipeline-trigger"
  type = "CONDITIONAL"

  actions {
    job_name = aws_glue_job.raw_ingestion.name
  }

  actions {
    job_name = aws_glue_job.data_transformation.name
  }

  actions {
    job_name = aws_glue_job.analytics_aggregation.name
  }
}
