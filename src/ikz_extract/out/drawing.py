"""The cooperation network as an SVG picture, laid out here (no plotting library needed).

networkx's spring layout with a fixed seed places the nodes, so the same records always
give the same picture. A big network is cut to its best-connected bodies: a picture of
thousands of dots shows nothing, and the tables hold the whole network.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape

import networkx as nx

from ikz_extract.out.network import Network, Node, to_graph

MAX_NODES = 150
SEED = 7
WIDTH, HEIGHT, MARGIN = 900, 640, 70
COLOURS = {
    "MUNICIPALITY": "#4e79a7",
    "DISTRICT": "#f28e2b",
    "GOV_REGION": "#59a14f",
    "OTHER": "#9c9c9c",
}
LEVEL_NAMES = {
    "MUNICIPALITY": "Gemeinde / Stadt",
    "DISTRICT": "Kreis",
    "GOV_REGION": "Regierungsbezirk",
    "OTHER": "other body",
}


@dataclass(frozen=True, slots=True)
class Drawing:
    svg: str
    shown: int  # nodes drawn
    total: int  # nodes in the network


def draw(network: Network, max_nodes: int = MAX_NODES) -> Drawing:
    """An inline SVG of the nodes and edges, nodes coloured by level and sized by the number
    of cooperations, edges as thick as their weight."""
    graph = to_graph(network)
    nodes = {n.id: n for n in network.nodes}
    keep = sorted(
        graph.nodes,
        key=lambda n: (-nodes[n].cooperations, -graph.degree(n, weight="weight"), n),
    )[:max_nodes]
    graph = graph.subgraph(keep).copy()
    if not graph:
        return Drawing("", 0, len(nodes))
    layout = nx.spring_layout(graph, seed=SEED, method="force", iterations=100)
    xs = [float(p[0]) for p in layout.values()]
    ys = [float(p[1]) for p in layout.values()]

    def place(node: str) -> tuple[float, float]:
        x, y = (float(v) for v in layout[node])
        span_x = (max(xs) - min(xs)) or 1.0
        span_y = (max(ys) - min(ys)) or 1.0
        return (
            MARGIN + (x - min(xs)) / span_x * (WIDTH - 2 * MARGIN),
            MARGIN + (y - min(ys)) / span_y * (HEIGHT - 2 * MARGIN),
        )

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" role="img" class="network" '
        f'aria-label="cooperation network">'
    ]
    for a, b, data in sorted(graph.edges(data=True)):
        (x1, y1), (x2, y2) = place(a), place(b)
        weight = int(data.get("weight", 1))
        title = escape(f"{nodes[a].name} – {nodes[b].name}: {weight} cooperation(s)")
        parts.append(
            f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
            f'stroke="#bbb" stroke-width="{min(1 + weight, 8)}"><title>{title}</title></line>'
        )
    for node_id in sorted(graph.nodes):
        parts.append(_node(nodes[node_id], *place(node_id)))
    parts.append(_legend())
    parts.append("</svg>")
    return Drawing("\n".join(parts), graph.number_of_nodes(), len(nodes))


def _node(node: Node, x: float, y: float) -> str:
    radius = 5 + 3 * math.sqrt(node.cooperations)
    about = f"{node.name} ({LEVEL_NAMES[node.level]}"
    about += f", AGS {node.ags}" if node.ags else ""
    about += f", {node.population:,} Einwohner".replace(",", ".") if node.population else ""
    about += f"): {node.cooperations} cooperation(s)"
    return (
        f'<g class="node"><circle cx="{x:.1f}" cy="{y:.1f}" r="{radius:.1f}" '
        f'fill="{COLOURS[node.level]}" stroke="#fff"><title>{escape(about)}</title></circle>'
        f'<text x="{x:.1f}" y="{y - radius - 3:.1f}" text-anchor="middle" '
        f'font-size="11" font-family="sans-serif">{escape(node.name)}</text></g>'
    )


def _legend() -> str:
    items = []
    for i, (level, colour) in enumerate(COLOURS.items()):
        y = 16 + 16 * i
        items.append(
            f'<circle cx="12" cy="{y}" r="5" fill="{colour}"/>'
            f'<text x="22" y="{y + 4}" font-size="11" font-family="sans-serif">'
            f"{escape(LEVEL_NAMES[level])}</text>"
        )
    return '<g class="legend">' + "".join(items) + "</g>"
