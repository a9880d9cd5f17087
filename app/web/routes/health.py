from fastapi import APIRouter

from app.web.services import Deps

router = APIRouter()


@router.get("/healthz")
def healthz(services: Deps) -> dict:
    snap = services.index.snapshot
    return {
        "status": "ok",
        "documents": len(snap.documents),
        "items": len(snap.items),
        "embedding_model": services.index.model_name,
        # the personal-data guard loads in the background; requests that need it wait for it
        "privacy_guard": "ready" if services.privacy.ready else "loading",
    }
