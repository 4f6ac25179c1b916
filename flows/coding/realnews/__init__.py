"""The real-news yardstick: random sentences of real English articles, annotated blind.

The article text stays in ``../shared``; the set (``data/eval/realnews/``) stores for each
sentence its source file, the record's locator, its offsets in the text geowire extracts and a
hash of it, with the annotation. ``corpus`` re-extracts the articles by running the pipeline,
``draw`` made the draw, ``score`` scores the coder against the annotations.
"""
