"""Web inputs: URLs, sitemaps and feeds fetched politely and conditionally.

One job per module:

- ``urls``: which inputs are URLs, and the normalised URL a record id derives from;
- ``address``: which network addresses may be fetched (no loopback, private, link-local
  or multicast ranges unless allowed);
- ``client``: the HTTP client (httpx): timeouts, redirects checked hop by hop, a size
  limit, politeness per host, retries on 429/503, conditional requests;
- ``robots``: robots.txt per host, cached for the run;
- ``listing``: sitemaps (urlset, index, gzipped) and RSS/Atom feeds → page URLs;
- ``step``: the fetch step of a batch run: inputs → pages → keep / extract / gone / error.

Nothing heavy is imported here: the CLI asks ``web.urls`` whether an input is a URL on
every run, and only a run with URLs may pay for httpx. ``fetch`` is the hook
``ikz_extract.api.extract`` calls for a URL.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ikz_extract.web.client import FetchSettings


def fetch(url: str, settings: FetchSettings | None = None) -> bytes:
    """The body at ``url`` for ``ikz_extract.api.extract``: the run's client and its rules
    (http(s) only, robots.txt, no internal address, size limit, retries), one request.

    Raises ``web.client.FetchError`` for anything but a 200 answer.
    """
    from ikz_extract.web.client import HTTP_ERROR, Client, FetchError, FetchSettings

    with Client(settings or FetchSettings()) as client:
        response = client.get(url)
    if response.status != 200:
        raise FetchError(HTTP_ERROR, f"{url}: HTTP {response.status}", "check the URL")
    return response.body
