"""Large read answers encoded once: the service hands back the very same document object for
as long as it holds (a score read again within its second, `service.score_cache`), so its
JSON is kept beside it and sent again rather than encoded on every request.

The bytes are the ones FastAPI itself would send for the document (pydantic's encoder for a
`dict[str, Any]` answer); a route that answers this way still declares its response model,
so the schema at `/openapi.json` is unchanged.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

from fastapi.responses import Response
from pydantic import TypeAdapter

__all__ = ["json_document"]

_ENCODER: TypeAdapter[dict[str, Any]] = TypeAdapter(dict[str, Any])
#: How many documents keep their JSON.
_KEPT = 64
_lock = threading.Lock()
#: id(document) -> (the document, kept alive so that its id is not reused; its JSON).
_encoded: OrderedDict[int, tuple[dict[str, Any], bytes]] = OrderedDict()


def json_document(document: dict[str, Any]) -> Response:
    """The answer with `document` as its JSON body."""
    key = id(document)
    with _lock:
        kept = _encoded.get(key)
        if kept is not None and kept[0] is document:
            _encoded.move_to_end(key)
            return Response(kept[1], media_type="application/json")
    body = _ENCODER.dump_json(document)
    with _lock:
        _encoded[key] = (document, body)
        while len(_encoded) > _KEPT:
            _encoded.popitem(last=False)
    return Response(body, media_type="application/json")
