import os
import sys

from app.core.settings import Settings
from app.web.services import build_services
from bench import (
    format_bench,
    ingest_bench,
    latency_bench,
    llm_bench,
    parse_bench,
    privacy_bench,
    retrieval_bench,
    scale_bench,
)

os.environ.setdefault("HF_HUB_OFFLINE", "1")


def main() -> None:
    settings = Settings()
    print("# Reflect benchmark\n", flush=True)
    print("\n".join(ingest_bench.run(settings)), flush=True)
    print("\n".join(parse_bench.run(settings)), flush=True)
    print("\n".join(format_bench.run(settings)), flush=True)
    services = build_services(settings)
    print("\n".join(retrieval_bench.run(services)), flush=True)
    print("\n".join(privacy_bench.run(services)), flush=True)
    print("\n".join(llm_bench.run(services)), flush=True)
    print("\n".join(latency_bench.run(settings, services)), flush=True)
    services.close()
    print("\n".join(scale_bench.run(settings)), flush=True)
    sys.stdout.flush()


main()
