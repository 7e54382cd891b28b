"""Executes a notebook headless with nbclient, as CI or papermill would: run-notebook.py IN OUT KERNEL_NAME.

Every cell runs even after an error (the comparison names each cell that differs); OUT gets the outputs.
"""
import sys

import nbformat
from nbclient import NotebookClient

source, target, kernel_name = sys.argv[1:4]
notebook = nbformat.read(source, as_version=4)
NotebookClient(notebook, kernel_name=kernel_name, timeout=120, allow_errors=True, shutdown_kernel="graceful").execute()
nbformat.write(notebook, target)
