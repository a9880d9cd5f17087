# Mirrors `make run`: install, build the int8 ONNX model and the index, serve one worker.
# Build stage: everything (torch and transformers only here, to export the model).
FROM python:3.11-slim AS build
WORKDIR /app
# Point pip at a CPU-only torch wheel index (an extra index URL) to avoid the large CUDA build.
ARG PIP_EXTRA_INDEX_URL=""
ENV HF_HUB_OFFLINE=1 PIP_NO_CACHE_DIR=1 REFLECT_DATA_DIR=/app/data \
    PIP_EXTRA_INDEX_URL=${PIP_EXTRA_INDEX_URL}
COPY pyproject.toml README.md ./
COPY app app
COPY ingest ingest
COPY corpus corpus
COPY prompts prompts
RUN python -m venv /venv \
 && /venv/bin/pip install 'torch==2.13.0' \
 && /venv/bin/pip install -e '.[build]' \
 && /venv/bin/reflect ingest

# Runtime stage: non-root, the model and the index baked in.
FROM python:3.11-slim
WORKDIR /app
ENV HF_HUB_OFFLINE=1 REFLECT_DATA_DIR=/app/data REFLECT_HOST=0.0.0.0 REFLECT_PORT=8000 \
    ANONYMIZED_TELEMETRY=False
RUN useradd --create-home --uid 10001 reflect
COPY --from=build /venv /venv
COPY --from=build --chown=reflect /app /app
USER reflect
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s \
  CMD python -c "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/healthz').status != 200)"
CMD ["/venv/bin/reflect", "serve"]
