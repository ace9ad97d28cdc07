"""Actions: the capture panel and the Qt table model of a meeting's actions."""
