"""The command line's words (en): what each command prints and its help."""

TEXT: dict[str, str] = {}
