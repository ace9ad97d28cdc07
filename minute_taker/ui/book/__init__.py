"""The book itself: opening one, the banner that says what state it is in, backups, autosave,
the crash dialog, the welcome page of an empty book, and the per-user settings."""
