"""The web reader and JSON API over a corpus database: `hamsu serve CORPUS.db`.

app.py builds the FastAPI application (pages, API, exports), render.py the HTML it builds in
Python and models.py the API's response models. Its read-only SQL is hamsu/store/queries.py (all of
hamsu's SQL is in store/); the command is hamsu/commands/serve.py. Nothing here is imported by
`hamsu --help`.
"""
