from fastapi import APIRouter, Response

from app.web.services import Deps

router = APIRouter()


@router.get("/healthz")
def healthz(services: Deps, response: Response) -> dict:
    """200 and "ok" only when the library has documents and every item is searchable."""
    health = services.library.health()
    status = "ok" if health.ok else "empty" if not health.documents else "inconsistent"
    if status != "ok":
        response.status_code = 503
    return {
        "status": status,
        "documents": health.documents,
        "items": health.items,
        "storage": services.settings.storage,
        "read_only": services.library.read_only,
        "embedding_model": services.library.model_name,
        # the personal-data guard loads in the background; requests that need it wait for it
        "privacy_guard": "ready" if services.privacy.ready else "loading",
    }
