"""Minute Taker: take, review and publish the minutes of formal meetings."""

__version__ = "0.1.0"
APP_NAME = "Minute Taker"
APP_ID = "minute-taker"
