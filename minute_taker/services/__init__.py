"""Use cases the UI and the command line call. No Qt here.

Each function takes an open ``MinuteBook``, does its work in one unit of work,
and returns plain records from ``minute_taker.domain.records``.
"""
