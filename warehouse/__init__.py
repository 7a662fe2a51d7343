"""The warehouse: the only package that imports duckdb or holds SQL.

`Warehouse.open` gives the handle every function here takes; `load_batch` writes, the
`readers` module holds every named read the rest of newsetl uses.
"""

from warehouse.backup import backup_warehouse
from warehouse.connection import Warehouse, WarehouseLocked, WarehouseMissing, WarehouseUnreadable
from warehouse.load import LoadBatch, LoadCounts, PageResult, load_batch
from warehouse.runs import finish_run, start_run
from warehouse.versions import article_id_for

__all__ = [
    "LoadBatch",
    "LoadCounts",
    "PageResult",
    "Warehouse",
    "WarehouseLocked",
    "WarehouseMissing",
    "WarehouseUnreadable",
    "backup_warehouse",
    "article_id_for",
    "finish_run",
    "load_batch",
    "start_run",
]
