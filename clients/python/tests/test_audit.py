"""An auditor replays, reads and verifies the history through the Python client against a real server."""

import unittest

import grpc

from biobank_client import BiobankError, new_request_id, v1
from tests import server


class AuditTest(unittest.TestCase):
    def setUp(self):
        self.biobank = server.client("biobank-anses")
        self.auditor = server.client("auditor-anses")
        self.addCleanup(self.biobank.close)
        self.addCleanup(self.auditor.close)
        self.freezer = self.biobank.storage.CreateStorageUnit(v1.CreateStorageUnitRequest(
            request_id=new_request_id(),
            storage_unit=v1.StorageUnit(display_name=f"Freezer {server.barcode()}", kind=v1.STORAGE_UNIT_KIND_FREEZER,
                                        site="sites/anses-maisons-alfort", temperature_band=v1.TEMPERATURE_BAND_MINUS_80)))

    def test_a_replay_of_one_resource_gives_its_events_with_who_and_their_hash(self):
        events = list(self.auditor.audit.ReplayEvents(v1.ReplayEventsRequest(resource=self.freezer.name)))

        self.assertEqual(len(events), 1)
        self.assertEqual(events[0].stream, self.freezer.name)
        self.assertEqual(events[0].version, 1)
        self.assertEqual(events[0].stream_kind, v1.STREAM_KIND_STORAGE_UNIT)
        self.assertEqual(events[0].actor, "claire.biobank")
        self.assertEqual(events[0].organisation, "organisations/anses")
        self.assertRegex(events[0].hash, r"^[0-9a-f]{64}$")
        history = self.auditor.audit.ListResourceHistory(v1.ListResourceHistoryRequest(resource=self.freezer.name))
        self.assertEqual([e.position for e in history.events], [events[0].position])

    def test_the_chain_of_a_resource_verifies(self):
        verified = self.auditor.audit.VerifyIntegrity(v1.VerifyIntegrityRequest(resource=self.freezer.name))

        self.assertEqual(verified.events_checked, 1)
        self.assertEqual(verified.streams_checked, 1)
        self.assertEqual(list(verified.broken_links), [])

    def test_a_biobank_manager_is_not_an_auditor(self):
        with self.assertRaises(BiobankError) as refused:
            self.biobank.audit.VerifyIntegrity(v1.VerifyIntegrityRequest(resource=self.freezer.name))

        self.assertEqual(refused.exception.code, grpc.StatusCode.PERMISSION_DENIED)


if __name__ == "__main__":
    unittest.main()
