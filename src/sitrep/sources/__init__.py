"""Source readers: the only code that reads the world. Paths in, typed inputs, Report or Skipped
records out; `kinds.iter_inputs` decides once what each file holds."""

from sitrep.records import ReportDefaults
from sitrep.sources.discover import iter_input_files, read_inputs, read_path
from sitrep.sources.kinds import iter_inputs

__all__ = ["ReportDefaults", "iter_input_files", "iter_inputs", "read_inputs", "read_path"]
