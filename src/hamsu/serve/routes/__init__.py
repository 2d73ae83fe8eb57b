"""The routes, one router a kind: `pages` (HTML), `export` (files), `api` (JSON), `ingest` (POST,
with a token only). Each route gets the corpus and the settings by dependency (`deps.py`);
`app.create_app` only assembles the routers."""
