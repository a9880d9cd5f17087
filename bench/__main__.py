import os
import sys

from app.settings import Settings
from bench import ingest_bench

os.environ.setdefault("HF_HUB_OFFLINE", "1")


def main() -> None:
    settings = Settings()
    lines = ["# Reflect benchmark", ""]
    lines += ingest_bench.run(settings)
    print("\n".join(lines))
    sys.stdout.flush()


main()
