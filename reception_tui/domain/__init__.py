"""Pure rules of the switchboard: calendar, return times, presence, deadlines.

Nothing here imports Textual or SQLModel; a test checks that in a fresh interpreter.
"""
