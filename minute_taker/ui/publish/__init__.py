"""Publishing: File > Export, its preview, and the worker that writes files off the GUI
thread."""
