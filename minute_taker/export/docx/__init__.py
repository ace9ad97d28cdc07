"""Word (.docx) export: the writer, the two house-style layouts, the style lookups in the
shipped templates, and the reader of stored minutes HTML into Word paragraphs."""
