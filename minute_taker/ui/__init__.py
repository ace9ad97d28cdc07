"""The Qt user interface: widgets and the item models between them and the services."""
