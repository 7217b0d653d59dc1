"""Views of results for people (rich tables) and programs (JSON)."""

__all__: list[str] = []
