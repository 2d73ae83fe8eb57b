"""The web reader and JSON API over a corpus database: `hamsu serve CORPUS.db`.

app.py assembles the FastAPI application: middleware, error handlers and the routers of routes/
(pages, export, api, ingest), each route given the corpus and the settings by dependency (deps.py:
`CorpusDep`, `SettingsDep`); views.py is the work pages and API share, corpus.py the corpus's
connections, render.py the HTML built in Python and models.py the API's response models. Its
read-only SQL is hamsu/store/queries.py (all of hamsu's SQL is in store/); the command is
hamsu/commands/serve.py. Nothing here is imported by `hamsu --help`.
"""
