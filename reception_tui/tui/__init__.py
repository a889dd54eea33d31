"""The Textual desk: the only layer that imports Textual."""
