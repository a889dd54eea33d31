"""The command line's words (sv): what each command prints and its help."""

TEXT: dict[str, str] = {}
