"""Persistence: SQLModel tables, the engine, migrations, the repository and the staff importer.

Nothing here imports Textual.
"""
