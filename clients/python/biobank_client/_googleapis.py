"""The google.api and google.rpc modules the contracts and their errors need.

Those of googleapis-common-protos where it is installed (as it is beside many Google libraries), so
that one process never holds two versions of google/rpc/status.proto; otherwise the ones generated
with this package from the vendored files in protos/google.
"""

try:
    from google.api import field_behavior_pb2, resource_pb2
    from google.rpc import error_details_pb2, status_pb2
except ImportError:
    from biobank_client._proto.google.api import field_behavior_pb2, resource_pb2
    from biobank_client._proto.google.rpc import error_details_pb2, status_pb2

__all__ = ["error_details_pb2", "field_behavior_pb2", "resource_pb2", "status_pb2"]
