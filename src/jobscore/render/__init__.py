"""Views of results for people (rich tables) and programs (JSON)."""
