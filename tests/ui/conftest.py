"""The ui tests, in folders that mirror minute_taker/ui. Being a conftest, this file puts
tests/ui on the import path, so every folder below reads the shared key helper `ui_keys`."""
