"""Trained models shipped with the package (installed as ``topics.models``).

``themes/``: the default theme classifier, loaded by ``topics.load_model()`` and by
``topics label`` without ``--model``. How it is made: README, "topics label".
"""
