"""What every stage's checks share: a Great Expectations report as a check result, and the
rows a partition wrote."""

import dagster as dg
import pandas as pd

from assets.partitions import partition_day
from assets.resources import Warehouse
from pipeline.quality import QualityReport


def check_result(report: QualityReport, **metadata: object) -> dg.AssetCheckResult:
    return dg.AssetCheckResult(
        passed=report.success,
        metadata={
            "expectations": report.evaluated,
            "failures": "; ".join(report.failures) or "-",
            **metadata,
        },
    )


def partition_frame(
    warehouse: Warehouse, sql: str, context: dg.AssetCheckExecutionContext
) -> pd.DataFrame:
    with warehouse.connect() as conn:
        return conn.execute(sql, [partition_day(context)]).df()
