"""The agenda: the numbered tree on the left, its Qt item model, and the current item's
fields (agenda text, presenter, planned time, papers)."""
