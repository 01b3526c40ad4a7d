"""Compacts yesterday's orders into Parquet (the golden job's script: reads its arguments, keeps bookmarks)."""

import sys

from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext

args = getResolvedOptions(sys.argv, ["JOB_NAME"])
glue = GlueContext(SparkContext.getOrCreate())
job = Job(glue)
job.init(args["JOB_NAME"], args)

orders = glue.create_dynamic_frame.from_catalog(database="sales", table_name="orders_raw",
                                                transformation_ctx="orders_raw")
glue.write_dynamic_frame.from_options(frame=orders, connection_type="s3", format="parquet",
                                      connection_options={"path": "s3://etl-lake/orders/"},
                                      transformation_ctx="orders_parquet")
job.commit()
