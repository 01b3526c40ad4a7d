import sys

from awsglue.utils import getResolvedOptions

ARGS = ["JOB_NAME", "source_table", "target_path"]
args = getResolvedOptions(sys.argv, ARGS)
print(args["source_table"], args["target_path"])
