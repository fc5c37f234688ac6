"""Data out: flat tables (Parquet, CSV), the cooperation network (GraphML) and an HTML report,
all read from a run's ``records.jsonl``."""
