"""The review round trip: the chair's review window and its marks, and the minute-taker's
side (sending a copy, importing what came back, the panel of comments and suggestions)."""
