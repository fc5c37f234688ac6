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

Nothing is imported here: the CLI asks ``web.urls`` whether an input is a URL on every
run, and only a run with URLs may pay for httpx.
"""
