"""Source readers: the only code that reads the world. Paths in, Report or Skipped records out."""

from sitrep.sources.discover import ReportDefaults, iter_input_files, read_inputs, read_path

__all__ = ["ReportDefaults", "iter_input_files", "read_inputs", "read_path"]
