"""Python client of Biobank: generated stubs of the biobank.v1 contracts, and a thin layer that
adds the bearer token, a default deadline, safe retries and typed errors.

    from biobank_client import BiobankClient, BiobankError, new_request_id, v1

    with BiobankClient("127.0.0.1:5080", token=token) as biobank:
        me = biobank.directory.GetCallerIdentity(v1.GetCallerIdentityRequest())
"""

from biobank_client import v1
from biobank_client.client import BiobankClient, new_request_id
from biobank_client.errors import BiobankError

__all__ = ["BiobankClient", "BiobankError", "new_request_id", "v1"]
