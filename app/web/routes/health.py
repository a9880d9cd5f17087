from fastapi import APIRouter

from app.web.services import Deps

router = APIRouter()


@router.get("/healthz")
def healthz(services: Deps) -> dict:
    documents, items = services.library.size()
    return {
        "status": "ok",
        "documents": documents,
        "items": items,
        "embedding_model": services.library.model_name,
        # the personal-data guard loads in the background; requests that need it wait for it
        "privacy_guard": "ready" if services.privacy.ready else "loading",
    }
