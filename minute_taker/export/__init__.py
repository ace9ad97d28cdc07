"""Minutes in their published forms.

Everything here reads a meeting interchange document (``services.interchange``)
rather than the store, so an export needs neither a database session nor Qt and
renders any exported file exactly as the app would.
"""
