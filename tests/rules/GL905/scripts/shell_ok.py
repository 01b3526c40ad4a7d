import sys

import boto3
from awsglue.utils import getResolvedOptions

args = getResolvedOptions(sys.argv, ["JOB_NAME"])
boto3.client("s3").list_objects_v2(Bucket="acme-lake")
