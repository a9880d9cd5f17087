from typing import Annotated

from fastapi import APIRouter, Query, Request
from pydantic import AfterValidator

from app.web.inputs import clean_text
from app.web.services import Deps, client_id, screen
from app.web.views import item_json

router = APIRouter(prefix="/api", tags=["search"])


@router.get("/search")
def search(
    request: Request,
    services: Deps,
    q: Annotated[str, Query(min_length=1, max_length=2000), AfterValidator(clean_text)],
    k: Annotated[int, Query(ge=1, le=50)] = 5,
) -> dict:
    services.rate_limits.hit("search", client_id(request))
    query = screen(services, q)
    hits = services.answerer.search(query.text, k)
    return {
        "results": [{**item_json(h.item), "score": round(h.score, 6)} for h in hits],
        "privacy": {"redacted": list(query.redacted)},
    }
