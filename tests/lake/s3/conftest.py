"""A real S3-compatible server on loopback for the object-store lake tests.

moto's server (``ThreadedMotoServer``) speaks the S3 REST API over HTTP, including the
conditional writes the lake lock relies on (``If-None-Match: *``, ``If-Match``); it is pure
Python, already a dev dependency, starts in a fraction of a second and needs no binary or
download (MinIO would, and this machine has no Docker).
"""

from __future__ import annotations

import logging
import os
import uuid

import pytest

BUCKET = "geowire-test"


@pytest.fixture(scope="session", autouse=True)
def keyindex_cache(tmp_path_factory):
    """Key index segments fetched by lookups are cached here, not in the user's cache folder."""
    folder = tmp_path_factory.mktemp("keyindex-cache")
    saved = os.environ.get("GEOWIRE_KEYINDEX_CACHE")
    os.environ["GEOWIRE_KEYINDEX_CACHE"] = str(folder)
    yield folder
    if saved is None:
        os.environ.pop("GEOWIRE_KEYINDEX_CACHE", None)
    else:
        os.environ["GEOWIRE_KEYINDEX_CACHE"] = saved


@pytest.fixture(scope="session")
def s3_server():
    """Endpoint URL of a moto S3 server on a free loopback port, with credentials in the env."""
    moto_server = pytest.importorskip("moto.server")
    pytest.importorskip("s3fs")
    env = {"AWS_ACCESS_KEY_ID": "geowire", "AWS_SECRET_ACCESS_KEY": "geowire-secret",
           "AWS_DEFAULT_REGION": "us-east-1"}
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # one line per request otherwise
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    saved = {k: os.environ.get(k) for k in (*env, "GEOWIRE_S3_ENDPOINT")}
    os.environ.update(env, GEOWIRE_S3_ENDPOINT=endpoint)
    import s3fs

    s3fs.S3FileSystem.clear_instance_cache()
    s3fs.S3FileSystem(endpoint_url=endpoint).mkdir(BUCKET)
    try:
        yield endpoint
    finally:
        server.stop()
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        s3fs.S3FileSystem.clear_instance_cache()


@pytest.fixture
def s3_lake_url(s3_server) -> str:
    """A fresh, empty lake prefix in the test bucket."""
    return f"s3://{BUCKET}/lake-{uuid.uuid4().hex[:8]}"
