"""The web pages: a freelancer's score, its history and tools; a contract's feedback and
actions; a client's risk; the operator's overview. Rendered on the server from templates
shipped in the package, served by the same process as the API (`install_pages`), over the
same service and the same access rules."""

from jobscore.web.access import PAGES
from jobscore.web.site import install_pages

__all__ = ["PAGES", "install_pages"]
