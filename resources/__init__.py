"""Files the app reads at run time: fonts, house styles, dictionaries, the interchange
schema and the demo meeting.

This folder is the top-level ``resources/`` of the source tree, installed as the package
``minute_taker.resources`` (see ``[tool.setuptools.package-dir]`` in pyproject.toml), so
an editable install, a wheel and a frozen build all read it the same way, with
``importlib.resources``. It holds no code beyond this.
"""
