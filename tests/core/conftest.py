"""A real S3-compatible server (moto's server mode, on 127.0.0.1) for media on an object store."""

import logging
import socket
import uuid
from dataclasses import dataclass

import boto3
import pytest

REGION = "ap-northeast-2"
CREDENTIALS = {"aws_access_key_id": "dangol-test", "aws_secret_access_key": "dangol-test-secret"}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def media_storage(endpoint: str, bucket: str, **options) -> dict:
    """``STORAGES["default"]`` as the settings build it from the ``MEDIA_S3_*`` variables."""
    return {
        "BACKEND": "core.storage.MediaStorage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": endpoint,
            "region_name": REGION,
            "access_key": CREDENTIALS["aws_access_key_id"],
            "secret_key": CREDENTIALS["aws_secret_access_key"],
            "querystring_auth": True,
            **options,
        },
    }


@dataclass
class Bucket:
    client: object
    name: str
    endpoint: str

    def stored(self) -> set[str]:
        """The keys of every object in the bucket."""
        pages = self.client.get_paginator("list_objects_v2").paginate(Bucket=self.name)
        return {item["Key"] for page in pages for item in page.get("Contents", ())}

    def read(self, key: str) -> bytes:
        return self.client.get_object(Bucket=self.name, Key=key)["Body"].read()


@pytest.fixture(scope="session")
def s3_endpoint():
    """An S3 server on a free local port, for the whole test run."""
    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # a line per request is noise
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def s3_media(settings, s3_endpoint) -> Bucket:
    """A new, empty bucket that holds the site's media for this test."""
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name=REGION, **CREDENTIALS)
    name = f"dangol-media-{uuid.uuid4().hex[:12]}"
    client.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": REGION})
    settings.STORAGES = {**settings.STORAGES, "default": media_storage(s3_endpoint, name)}
    return Bucket(client=client, name=name, endpoint=s3_endpoint)
