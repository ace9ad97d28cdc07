"""Typing the minutes: the notes editor, turning a typed line into an action or a decision,
name completion, spell-check, quick phrases, and the bridge between Qt's rich text and the
stored subset."""
