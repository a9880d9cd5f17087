"""One settings object; nothing else reads the environment."""

from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict

ROOT = Path(__file__).resolve().parents[2]


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="REFLECT_", extra="ignore")

    host: str = "127.0.0.1"
    port: int = 8000
    data_dir: Path = ROOT / "data"
    corpus_dir: Path = ROOT / "corpus"
    embedder: str = "onnx"  # onnx | sentence-transformers
    embed_threads: int = 1
    models_dir: Path | None = None  # default: <data_dir>/models
    admin_token: str | None = None
    max_upload_bytes: int = 10 * 1024 * 1024
    max_body_bytes: int = 64 * 1024  # any other request body
    api_keys: str | None = None  # comma-separated; when set, /api and /v1 need one
    rate_limit_ask: str = "60/minute"  # per client; "" turns a limit off
    rate_limit_upload: str = "20/hour"
    rate_limit_write: str = "120/minute"  # notes, actions, sessions, sets: per person
    rate_limit_search: str = "120/minute"
    trusted_proxies: str | None = None  # comma-separated addresses or networks of the SSO proxy
    trusted_user_header: str | None = None  # e.g. X-Forwarded-User, honoured only from them
    trusted_team_header: str | None = None  # e.g. X-Forwarded-Groups
    parse_sandbox: bool = True  # read documents in a bounded worker process
    parse_seconds: float = 60.0  # the most one document may take to read
    parse_memory_mb: int = 2048  # the worker's memory (address space)
    parse_unpacked_mb: int = 200  # what a DOCX may unpack to
    cors_origins: str | None = None  # comma-separated; CORS is off when unset
    llm_base_url: str | None = None  # an OpenAI-compatible server; unset: extractive answers
    llm_model: str = "local"
    llm_api_key: str | None = None
    llm_mode: str = "answer"  # answer: the model writes it; lead: only its first sentence
    llm_timeout: float = 20.0  # seconds to connect, and between streamed chunks
    log_level: str = "info"
    database_url: str | None = None  # postgresql://… : the shared backend (see README)
    workers: int = 1  # server processes; more than one needs the shared backend

    @property
    def storage(self) -> str:
        """The backend: 'embedded' (Chroma + SQLite under the data dir) unless a database URL
        is set."""
        return "postgres" if self.database_url else "embedded"

    @property
    def index_dir(self) -> Path:
        return self.data_dir / "index"

    @property
    def model_dir(self) -> Path:
        return self.models_dir or self.data_dir / "models"

    @property
    def uploads_dir(self) -> Path:
        return self.data_dir / "uploads"
