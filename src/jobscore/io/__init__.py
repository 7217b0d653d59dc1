"""Adapters that read and write history files."""

from jobscore.io.history_files import HistoryFile, load_history, load_history_file

__all__ = ["HistoryFile", "load_history", "load_history_file"]
