from datetime import datetime

from airflow import DAG
from airflow.providers.amazon.aws.operators.glue import GlueJobOperator

with DAG(dag_id="orders_nightly", schedule="0 3 * * *", start_date=datetime(2024, 1, 1)):
    GlueJobOperator(task_id="export", job_name="orders-export")
