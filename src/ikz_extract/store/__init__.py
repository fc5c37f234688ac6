"""Write: records.jsonl, errors.jsonl (atomic), and the manifest."""

from ikz_extract.store.jsonl import atomic_write_lines

__all__ = ["atomic_write_lines"]
