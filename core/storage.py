"""Uploaded media on an S3-compatible object store (AWS S3, MinIO, Ceph, R2…).

``MediaStorage`` is django-storages' ``S3Storage`` with three differences:

- a store that cannot be reached or refuses (missing bucket, wrong endpoint, bad credentials)
  raises ``MediaStorageUnavailable`` naming the bucket, the endpoint and the store's reason,
  instead of a bare boto error, and it gives up after a few seconds rather than a minute;
- two uploads with the same file name never overwrite each other (the second gets a suffix,
  as on local disk);
- the settings come from ``STORAGES["default"]["OPTIONS"]``, built in ``dangol.settings.base``
  from the ``MEDIA_S3_*`` variables.
"""

import functools

from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError
from storages.backends.s3 import S3Storage

# Give up on an unreachable store within seconds: an editor is waiting for the upload.
CLIENT_CONFIG = Config(
    connect_timeout=5, read_timeout=30, retries={"mode": "standard", "max_attempts": 3}
)


class MediaStorageUnavailable(Exception):
    """The object store could not be reached or refused the operation."""


def _reason(error: Exception) -> str:
    if isinstance(error, ClientError):
        details = error.response.get("Error", {})
        code = details.get("Code") or error.response["ResponseMetadata"].get("HTTPStatusCode")
        message = details.get("Message") or ""
        return f"{code} {message}".strip()
    return str(error)


def _store_errors(action: str):
    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, name, *args, **kwargs):
            try:
                return method(self, name, *args, **kwargs)
            except (BotoCoreError, ClientError) as error:
                raise MediaStorageUnavailable(
                    f"Media storage: could not {action} {name!r} in bucket "
                    f"{self.bucket_name!r} at {self.endpoint_url or 'AWS S3'}: "
                    f"{_reason(error)}. Check MEDIA_S3_BUCKET, MEDIA_S3_ENDPOINT_URL and the "
                    f"credentials."
                ) from error

        return wrapper

    return decorate


class MediaStorage(S3Storage):
    def __init__(self, **options):
        options.setdefault("file_overwrite", False)
        super().__init__(**options)
        if "client_config" not in options:
            self.client_config = self.client_config.merge(CLIENT_CONFIG)

    _save = _store_errors("store")(S3Storage._save)
    _open = _store_errors("read")(S3Storage._open)
    exists = _store_errors("look up")(S3Storage.exists)
    delete = _store_errors("delete")(S3Storage.delete)
    listdir = _store_errors("list")(S3Storage.listdir)
    size = _store_errors("measure")(S3Storage.size)
    get_modified_time = _store_errors("read the date of")(S3Storage.get_modified_time)
