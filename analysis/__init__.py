"""Pure analysis on pandas/networkx: no Streamlit, no database (see docs/design.md).

Modules take and return the frames documented in :mod:`analysis.frames`:

- :mod:`analysis.sociometry`  peer-nomination proportions, z-scores, SP/SI, CD and NB groups
- :mod:`analysis.network`     degrees, reciprocity, transitivity, triad census, communities
- :mod:`analysis.importers`   adjacency matrices, edge lists and wide answer sheets
- :mod:`analysis.scoring`, :mod:`analysis.norms`, :mod:`analysis.agreement`,
  :mod:`analysis.change`, :mod:`analysis.risk`  questionnaire scores and their use
- :mod:`analysis.pipeline`    ``analyse(...)``: every step in one call; ``python -m analysis``

Submodules are imported explicitly (``from analysis.sociometry import sociometry``) so that
importing one part stays cheap.
"""
