"""Searching the whole book from the window (issue 20): the docked Search pane, its
results model, and finding the words searched for in the notes (F3 / Shift+F3)."""
