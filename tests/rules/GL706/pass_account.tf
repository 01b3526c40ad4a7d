resource "aws_glue_job" "partition_load" {
  name              = "partition-load-01"
  role_arn          = "arn:aws:iam::123456789012:role/glue-partitions"
  glue_version      = "5.0"
  worker_type       = "G.1X"
  number_of_workers = 2
  timeout           = 30
  command {
    name            = "glueetl"
    script_location = "s3://acme-glue-scripts/partitions/load.py"
    python_version  = "3"
  }
}

# Starts the per-partition loaders; partition-load-02 onwards are deployed by the loaders' own stack.
resource "aws_glue_trigger" "fan_out" {
  name     = "partition-load-fan-out"
  type     = "SCHEDULED"
  schedule = "cron(0 4 * * ? *)"
  actions {
    job_name = "partition-load-01"
  }
  actions {
    job_name = "partition-load-02"
  }
  actions {
    job_name = "partition-load-03"
  }
  actions {
    job_name = "partition-load-04"
  }
  actions {
    job_name = "partition-load-05"
  }
  actions {
    job_name = "partition-load-06"
  }
  actions {
    job_name = "partition-load-07"
  }
  actions {
    job_name = "partition-load-08"
  }
  actions {
    job_name = "partition-load-09"
  }
  actions {
    job_name = "partition-load-10"
  }
  actions {
    job_name = "partition-load-11"
  }
  actions {
    job_name = "partition-load-12"
  }
  actions {
    job_name = "partition-load-13"
  }
  actions {
    job_name = "partition-load-14"
  }
  actions {
    job_name = "partition-load-15"
  }
  actions {
    job_name = "partition-load-16"
  }
  actions {
    job_name = "partition-load-17"
  }
  actions {
    job_name = "partition-load-18"
  }
  actions {
    job_name = "partition-load-19"
  }
  actions {
    job_name = "partition-load-20"
  }
  actions {
    job_name = "partition-load-21"
  }
  actions {
    job_name = "partition-load-22"
  }
  actions {
    job_name = "partition-load-23"
  }
  actions {
    job_name = "partition-load-24"
  }
  actions {
    job_name = "partition-load-25"
  }
  actions {
    job_name = "partition-load-26"
  }
  actions {
    job_name = "partition-load-27"
  }
  actions {
    job_name = "partition-load-28"
  }
  actions {
    job_name = "partition-load-29"
  }
  actions {
    job_name = "partition-load-30"
  }
  actions {
    job_name = "partition-load-31"
  }
  actions {
    job_name = "partition-load-32"
  }
  actions {
    job_name = "partition-load-33"
  }
  actions {
    job_name = "partition-load-34"
  }
  actions {
    job_name = "partition-load-35"
  }
  actions {
    job_name = "partition-load-36"
  }
  actions {
    job_name = "partition-load-37"
  }
  actions {
    job_name = "partition-load-38"
  }
  actions {
    job_name = "partition-load-39"
  }
  actions {
    job_name = "partition-load-40"
  }
  actions {
    job_name = "partition-load-41"
  }
  actions {
    job_name = "partition-load-42"
  }
  actions {
    job_name = "partition-load-43"
  }
  actions {
    job_name = "partition-load-44"
  }
  actions {
    job_name = "partition-load-45"
  }
  actions {
    job_name = "partition-load-46"
  }
  actions {
    job_name = "partition-load-47"
  }
  actions {
    job_name = "partition-load-48"
  }
  actions {
    job_name = "partition-load-49"
  }
  actions {
    job_name = "partition-load-50"
  }
  actions {
    job_name = "partition-load-51"
  }
}
