"""ikz-extract: German inter-municipal cooperation (IKZ) documents → validated, linked JSONL."""

__version__ = "0.1.0"

# Bumped whenever a change alters the records produced from the same bytes; the manifest
# uses it to decide what a re-run must re-extract.
PIPELINE_VERSION = f"{__version__}+p2"
SCHEMA_VERSION = "1.0"
