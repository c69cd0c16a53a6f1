"""Pure helpers shared by the backend and the actions: no I/O, no Rasa, no HTTP.

Modules: ``idcard`` (GB 11643 ID numbers), ``phone`` (mainland mobiles), ``masking``
(what logs and replies may show), ``workdays`` (open days from chinese-calendar with a
fallback), ``dates`` (Chinese date expressions), ``timeofday`` (上午/10点 → a slot), ``numbers``
(Chinese numerals), ``names``, ``clock`` (today, overridable),
``text`` (normalisation: full-width, traditional characters).
"""
