"""Stage 5, page: the interactive graph page, one offline HTML file.

* :mod:`graph.page.build` — projection, measures, layout and details → the page;
* :mod:`graph.page.details` — what the side panel says of each entity, with sources;
* :mod:`graph.page.layout` — a seeded 2-D layout computed once;
* ``templates/`` — the page's template, style and script.

May import: every earlier stage (:mod:`graph.vocab` … :mod:`graph.network`).
"""

from __future__ import annotations

__all__: list[str] = []
