"""Schema fuzzing of the OpenAPI spec (schemathesis): generated requests never get a 5xx.

Bounded: a few examples per operation, so the whole run takes a minute or two."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from app.cli import writer_factory
from app.web.app import create_app
from tests.conftest import make_settings
from tests.fakes import HashEmbedder

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    from fastapi.testclient import TestClient

    settings = make_settings(
        tmp_path_factory.mktemp("fuzz") / "data",
        admin_token="fuzz-admin",
        rate_limit_ask="",
        rate_limit_upload="",
    )
    app = create_app(settings, writer=writer_factory, embedder=HashEmbedder())
    with TestClient(app):  # runs the lifespan: services built
        from ingest.pipeline import corpus_files
        from tests.conftest import CORPUS

        app.state.services.writer.run(corpus_files(CORPUS)[:2], sync=True)
        app.state.services.privacy.wait()
        yield app


@pytest.fixture(scope="module")
def api_schema(app):
    return schemathesis.openapi.from_asgi("/openapi.json", app)


def test_no_server_errors(api_schema):
    """Every operation, thirty generated requests each (bodies, paths, queries, headers)."""
    operations = [result.ok() for result in api_schema.get_all_operations()]
    calls: list[str] = []
    assert len(operations) >= 15

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=30, deadline=None, database=None, suppress_health_check=list(HealthCheck)
        )
        def call(case):  # type: ignore[no-untyped-def]
            calls.append(case.method)
            response = case.call()
            assert response.status_code < 500, (case.method, case.path, response.text[:200])

        call()
    assert len(calls) >= 10 * len(operations), len(calls)
