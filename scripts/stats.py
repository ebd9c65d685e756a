"""Print the curation's counts: entities per class, relations per type, observations
per report year, events per class, tensions and the not-modelled list.

Usage: python scripts/stats.py [RECORDS_DIR]   (default: the embedded Kunshan records)
"""

from __future__ import annotations

import sys
from collections import Counter

from graph.curation.records import read_records
from graph.data import default_records_dir


def main(argv: list[str]) -> int:
    records, report = read_records(argv[0] if argv else default_records_dir())
    if not report.ok:
        print(report.format(), file=sys.stderr)
        return 1
    sections = {
        "entities per class": Counter(e.cls for e in records.entities),
        "relations per type": Counter(r.rel for e in records.entities for r in e.relations)
        + Counter("role:" + p.role for e in records.entities for p in e.roles),
        "observations per period year": Counter(o.period[:4] for o in records.observations),
        "observations per report": Counter(o.at[0].source for o in records.observations),
        "events per class": Counter(ev.cls for ev in records.events),
        "tensions per kind": Counter(t.kind for t in records.tensions),
    }
    for title, counts in sections.items():
        print(f"{title} (total {sum(counts.values())}):")
        for name, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
            print(f"  {name:<32} {n:>5}")
    print(f"not-modelled entries: {len(records.not_modelled)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
