"""The cooperation network: who cooperates with whom, the question behind IKZ.

Nodes are the Kommunen, Kreise and other bodies that take part in a cooperation; an edge
joins two participants of the same cooperation, weighted by the number of cooperations
they share. Records of one cooperation (the same profile as an HTML page and as a text
dump) count once: they share type, title and participants.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Any, Literal

import networkx as nx
from pydantic import BaseModel, ConfigDict, Field

from ikz_extract.models import Body, RecordBase
from ikz_extract.nlp.resources import Gazetteer, load_gazetteer
from ikz_extract.out.participants import participants

NodeLevel = Literal["MUNICIPALITY", "DISTRICT", "GOV_REGION", "OTHER"]


class Node(BaseModel):
    """A body that takes part in at least one cooperation."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(description="The official key (AGS 8 digits, Kreis 5, RB 3), else the name.")
    name: str = Field(description="Official name ('Kreis Borken', 'Münster'), else as written.")
    level: NodeLevel = Field(description="MUNICIPALITY, DISTRICT, GOV_REGION or OTHER.")
    ags: str | None = Field(description="The official key; empty for other bodies.")
    kreis: str | None = Field(description="The Kreis a Gemeinde belongs to (gazetteer).")
    regierungsbezirk: str | None = Field(description="Its Regierungsbezirk (gazetteer).")
    population: int | None = Field(description="Population on 31.12.2024 (gazetteer).")
    cooperations: int = Field(description="Number of cooperations it takes part in.")
    record_ids: list[str] = Field(description="Records that name it, joined by '; '.")


class Edge(BaseModel):
    """Two bodies that take part in the same cooperation(s)."""

    model_config = ConfigDict(extra="forbid")

    source: str = Field(description="nodes.id of one body (the smaller id).")
    target: str = Field(description="nodes.id of the other body.")
    source_name: str = Field(description="nodes.name of source.")
    target_name: str = Field(description="nodes.name of target.")
    weight: int = Field(description="Number of cooperations both take part in.")
    cooperations: list[str] = Field(description="Their titles, joined by '; '.")
    record_ids: list[str] = Field(description="The records that name both, joined by '; '.")


@dataclass(slots=True)
class Network:
    nodes: list[Node]
    edges: list[Edge]


def node_for(body: Body, gaz: Gazetteer) -> Node:
    """A participant as a node, with what the gazetteer knows of its key."""
    place = gaz.places.get(body.ags or "")
    if place is None:
        name = re.sub(r"\s+", " ", body.name).strip()
        return Node(
            id=name,
            name=name,
            level="OTHER",
            ags=None,
            kreis=None,
            regierungsbezirk=None,
            population=None,
            cooperations=0,
            record_ids=[],
        )
    kreis = gaz.kreis_of(place)
    rb = gaz.rb_of(place)
    return Node(
        id=place.key,
        name=place.display,
        level=place.level,
        ags=place.key,
        # a kreisfreie Stadt is its own Kreis: no Kreis to name
        kreis=kreis.display if kreis is not None and kreis.kind != "kreisfreie Stadt" else None,
        regierungsbezirk=rb.name if rb is not None else None,
        population=place.population or None,
        cooperations=0,
        record_ids=[],
    )


class NetworkBuilder:
    """Collects the network one record at a time, so an export streams the records once."""

    def __init__(self, gaz: Gazetteer | None = None) -> None:
        self.gaz = gaz or load_gazetteer()
        self.nodes: dict[str, Node] = {}
        # (record type, title, node ids) of a cooperation → (title as written, record ids)
        self.cooperations: dict[tuple[str, str, frozenset[str]], tuple[str, list[str]]] = {}

    def add(self, record: RecordBase) -> None:
        ids: list[str] = []
        for row in participants(record):
            node = node_for(row.body, self.gaz)
            node = self.nodes.setdefault(node.id, node)
            if record.record_id not in node.record_ids:
                node.record_ids.append(record.record_id)
            if node.id not in ids:
                ids.append(node.id)
        if not ids:
            return
        title = re.sub(r"\s+", " ", record.title or record.record_id).strip()
        key = (record.record_type, title.casefold(), frozenset(ids))
        self.cooperations.setdefault(key, (title, []))[1].append(record.record_id)

    def network(self) -> Network:
        nodes = {k: n.model_copy(deep=True) for k, n in self.nodes.items()}
        pairs: dict[tuple[str, str], tuple[list[str], list[str]]] = defaultdict(lambda: ([], []))
        for (_, _, members), (title, record_ids) in self.cooperations.items():
            for node_id in members:
                nodes[node_id].cooperations += 1
            for a, b in combinations(sorted(members), 2):
                titles, ids = pairs[(a, b)]
                titles.append(title)
                ids += record_ids
        edges = [
            Edge(
                source=a,
                target=b,
                source_name=nodes[a].name,
                target_name=nodes[b].name,
                weight=len(titles),
                cooperations=sorted(titles),
                record_ids=sorted(ids),
            )
            for (a, b), (titles, ids) in sorted(pairs.items())
        ]
        for node in nodes.values():
            node.record_ids.sort()
        return Network(sorted(nodes.values(), key=lambda n: n.id), edges)


def build_network(records: Iterable[RecordBase], gaz: Gazetteer | None = None) -> Network:
    """Nodes and weighted edges of every profile and web page that names participants."""
    builder = NetworkBuilder(gaz)
    for record in records:
        builder.add(record)
    return builder.network()


def to_graph(network: Network) -> nx.Graph[str]:
    """A networkx graph with every node and edge attribute (lists joined by '; ')."""
    graph: nx.Graph[str] = nx.Graph()
    for node in network.nodes:
        graph.add_node(node.id, **_attributes(node, skip={"id"}))
    for edge in network.edges:
        graph.add_edge(edge.source, edge.target, **_attributes(edge, skip={"source", "target"}))
    return graph


def write_graphml(network: Network, path: Path) -> None:
    """GraphML for Gephi, yEd, networkx and igraph."""
    nx.write_graphml(to_graph(network), path, encoding="utf-8")


def _attributes(model: BaseModel, skip: set[str]) -> dict[str, Any]:
    """GraphML has no null and no list: missing values are left out, lists joined."""
    result: dict[str, Any] = {}
    for name, value in model:
        if name in skip or value is None:
            continue
        result[name] = "; ".join(value) if isinstance(value, list) else value
    return result
