"""The reference answers for the graph kernels' tests, from networkx (Debian's python3-networkx).

usage: /usr/bin/python3 networkx_reference.py FILE...

For each FILE, an edge list (one "src dst" per line, integer ids, '#' comments), prints:
    file FILE
    impl NAME                    which networkx PageRank ran (see below)
    rank ID RANK                 one line per node, RANK as repr (17 significant digits)
    components COUNT SIZE...     weakly connected components: count, then all sizes descending

nx.pagerank needs scipy (and numpy), which python3-networkx only recommends; without them this
runs networkx's own pure-Python power iteration, _pagerank_python, the same algorithm that
networkx's test-suite checks nx.pagerank against. Both are run with a tolerance far below the
tests' 1e-6, so that the reference is the converged value.
"""
import sys

import networkx as nx


def pagerank(g):
    tol = 1e-15  # networkx stops when the L1 change is below N * tol
    try:
        return "networkx.pagerank", nx.pagerank(g, alpha=0.85, tol=tol, max_iter=100000)
    except ImportError:
        from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python
        return "_pagerank_python", _pagerank_python(g, alpha=0.85, tol=tol, max_iter=100000)


for path in sys.argv[1:]:
    g = nx.read_edgelist(path, create_using=nx.DiGraph, nodetype=int, comments="#")
    impl, ranks = pagerank(g)
    print("file", path)
    print("impl", impl)
    for node, rank in ranks.items():
        print("rank", node, repr(rank))
    sizes = sorted((len(c) for c in nx.weakly_connected_components(g)), reverse=True)
    print("components", len(sizes), *sizes)
