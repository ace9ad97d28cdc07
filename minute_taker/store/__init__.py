"""Storage: ORM models, the book (engine + unit of work) and its migrations."""
