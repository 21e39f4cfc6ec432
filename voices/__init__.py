"""The ``voices`` command line: the top layer of the house.

It may import anything below it (``workspace``, ``analysis``, ``survey``, ``codebook``) and
nothing imports it. No logic lives here: each command parses its arguments and makes one
library call.
"""
