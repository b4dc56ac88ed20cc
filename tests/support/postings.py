"""The small posting the batch, cache and Spark tests run, and the model answer its text
grounds (the scripted server gives it back)."""

from __future__ import annotations

POSTING = """Data Engineer

Acme Analytics is hiring a Data Engineer to join the Platform Insights group.
You will build batch pipelines and look after our warehouse.
"""
# The same posting with a requirements section.
POSTING_WITH_REQUIREMENTS = POSTING + "\nWhat you bring\n- Experience with Airflow and dbt\n"
GROUNDED = {"department": "Platform Insights"}
